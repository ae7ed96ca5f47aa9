package io.funit.gateway.webhooks;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.funit.common.contract.WebhookEventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One webhook message of one job and everything that happened to it; stored as
 * {@code webhooks/{jobId}/{webhookId}.json} after every change, so a pending retry survives any restart.
 *
 * @param webhookId the {@code webhook-id} header: stable per (job, event), the same on every retry
 * @param jobId the job
 * @param event which webhook event
 * @param url the receiver
 * @param body the payload, fixed when the event is taken from the topic (each attempt signs it anew)
 * @param sourceOffset offset of the job event it came from; with {@code index}, orders a job's deliveries
 * @param index position among the deliveries made from the same job event (output before completed)
 * @param createdAt when the dispatcher took it
 * @param state pending, delivered, failed (gave up or refused) or skipped (the endpoint is disabled)
 * @param nextAttemptAt when a pending delivery is tried next
 * @param attempts every attempt, oldest first
 */
public record Delivery(String webhookId, String jobId, WebhookEventType event, String url, String body,
    long sourceOffset, int index, Instant createdAt, State state, Instant nextAttemptAt, List<Attempt> attempts) {
  /** A job's deliveries in the order of its events. */
  static final Comparator<Delivery> ORDER = Comparator.comparingLong(Delivery::sourceOffset)
      .thenComparingInt(Delivery::index);

  public enum State {
    PENDING, DELIVERED, FAILED, SKIPPED;

    @com.fasterxml.jackson.annotation.JsonValue
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    static State fromWire(String name) {
      return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
  }

  /**
   * One try.
   *
   * @param at when it started
   * @param status the receiver's HTTP status, 0 when there was no answer
   * @param durationMillis until the answer or the failure
   * @param error what went wrong, when something did
   * @param manual a redelivery asked for through the API
   */
  public record Attempt(Instant at, int status, long durationMillis, String error, boolean manual) {}

  public Delivery {
    attempts = List.copyOf(attempts == null ? List.of() : attempts);
  }

  static Delivery pending(WebhookMessage message, String url, long sourceOffset, Instant now) {
    return new Delivery(message.webhookId(), message.jobId(), message.event(), url, message.body(), sourceOffset,
        message.index(), now, State.PENDING, now, List.of());
  }

  @JsonIgnore
  public boolean finished() {
    return state != State.PENDING;
  }

  Delivery withAttempt(Attempt attempt, State nextState, Instant nextAt) {
    List<Attempt> all = new ArrayList<>(attempts);
    all.add(attempt);
    return new Delivery(webhookId, jobId, event, url, body, sourceOffset, index, createdAt, nextState, nextAt, all);
  }

  /** The same pending delivery, tried next at {@code at}. */
  Delivery dueAt(Instant at) {
    return new Delivery(webhookId, jobId, event, url, body, sourceOffset, index, createdAt, state, at, attempts);
  }

  Delivery skipped(String reason, Instant now) {
    return withAttempt(new Attempt(now, 0, 0, reason, false), State.SKIPPED, null);
  }
}
