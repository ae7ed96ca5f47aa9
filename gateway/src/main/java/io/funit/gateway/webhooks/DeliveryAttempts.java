package io.funit.gateway.webhooks;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one attempt of a delivery and decides what follows: 2xx delivered; 410 the endpoint is disabled and the
 * delivery failed (later deliveries to it are skipped); a refused target failed; anything else (other statuses,
 * timeouts, connection errors) is retried on the {@link BackoffSchedule} until its window is spent. The new state
 * is stored before it is returned, so a restart resumes from it. Blocks; runs on the dispatcher's pool or a
 * Vert.x worker.
 */
final class DeliveryAttempts {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryAttempts.class);
  private final WebhookSender sender;
  private final DeliveryStore store;
  private final BackoffSchedule schedule;
  private final Clock clock;

  DeliveryAttempts(WebhookSender sender, DeliveryStore store, BackoffSchedule schedule, Clock clock) {
    this.sender = sender;
    this.store = store;
    this.schedule = schedule;
    this.clock = clock;
  }

  /** The dispatcher's attempt of a pending delivery. */
  Delivery attempt(Delivery delivery) {
    Delivery next;
    if (store.disabled(delivery.url())) {
      next = delivery.skipped("endpoint disabled: it answered 410 Gone to an earlier delivery", clock.instant());
    } else {
      WebhookSender.Outcome outcome = sender.send(delivery);
      next = after(delivery, outcome);
    }
    store.save(next);
    if (next.finished() && next.state() != Delivery.State.DELIVERED) {
      LOG.warn("webhook {} of job {} {}: {}", delivery.webhookId(), delivery.jobId(), next.state().wireName(),
          next.attempts().get(next.attempts().size() - 1).error());
    }
    return next;
  }

  private Delivery after(Delivery delivery, WebhookSender.Outcome outcome) {
    Delivery.Attempt attempt = outcome.attempt(false);
    if (outcome.delivered()) {
      return delivery.withAttempt(attempt, Delivery.State.DELIVERED, null);
    }
    if (outcome.refused()) {
      return delivery.withAttempt(attempt, Delivery.State.FAILED, null);
    }
    if (outcome.status() == 410) {
      store.disable(delivery.url(), delivery.webhookId(), outcome.at());
      return delivery.withAttempt(new Delivery.Attempt(outcome.at(), 410, outcome.durationMillis(),
          "answered 410 Gone: endpoint disabled", false), Delivery.State.FAILED, null);
    }
    int failed = (int) delivery.attempts().stream().filter(a -> !a.manual()).count() + 1;
    Instant first = delivery.attempts().stream().filter(a -> !a.manual()).map(Delivery.Attempt::at).findFirst()
        .orElse(outcome.at());
    return schedule.next(failed, first, clock.instant(), outcome.retryAfter())
        .map(due -> delivery.withAttempt(attempt, Delivery.State.PENDING, due))
        .orElseGet(() -> delivery.withAttempt(new Delivery.Attempt(outcome.at(), outcome.status(),
            outcome.durationMillis(), outcome.error() + "; gave up after " + failed + " attempts", false),
            Delivery.State.FAILED, null));
  }

  /**
   * A redelivery asked for through the API: one attempt now, outside the retry schedule. It re-enables a disabled
   * endpoint (an operator asking to send there again is the signal that it is back). Success marks the delivery
   * delivered; a failure leaves its state as it was.
   */
  Delivery redeliver(Delivery delivery) {
    store.enable(delivery.url());
    WebhookSender.Outcome outcome = sender.send(delivery);
    if (outcome.status() == 410) {
      store.disable(delivery.url(), delivery.webhookId(), outcome.at());
    }
    Delivery next = delivery.withAttempt(outcome.attempt(true),
        outcome.delivered() ? Delivery.State.DELIVERED : delivery.state(), null);
    store.save(next);
    return next;
  }
}
