package io.funit.gateway.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.funit.common.contract.JobEvent;
import io.funit.common.contract.WebhookEventType;
import io.funit.common.json.Json;
import io.funit.gateway.jobs.JobView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A webhook message made from one job event: its stable id, its event and the payload. Mapping: queued → queued,
 * started → started (one per attempt), progress → progress, succeeded → output (the result) then completed,
 * failed and canceled → completed. Retries, hand-backs and cancel requests are not webhook events.
 * The payload follows the Standard Webhooks shape: {@code {"type": "job.completed", "timestamp", "data": job}}.
 */
record WebhookMessage(String webhookId, String jobId, WebhookEventType event, int index, String body) {

  /** The payload. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Payload(String type, Instant timestamp, JobView data) {}

  /** The messages the event's webhook asked for (none when the job has no webhook). */
  static List<WebhookMessage> of(JobEvent event) {
    if (event.webhook() == null) {
      return List.of();
    }
    List<WebhookEventType> types = switch (event.event()) {
      case QUEUED -> List.of(WebhookEventType.QUEUED);
      case STARTED -> List.of(WebhookEventType.STARTED);
      case PROGRESS -> List.of(WebhookEventType.PROGRESS);
      case SUCCEEDED -> List.of(WebhookEventType.OUTPUT, WebhookEventType.COMPLETED);
      case FAILED, CANCELED -> List.of(WebhookEventType.COMPLETED);
      default -> List.of();
    };
    List<WebhookMessage> messages = new ArrayList<>(types.size());
    for (int i = 0; i < types.size(); i++) {
      WebhookEventType type = types.get(i);
      if (event.webhook().wants(type)) {
        messages.add(new WebhookMessage(id(event, type), event.jobId(), type, i,
            Json.write(new Payload(type.payloadType(), event.updatedAt(), JobView.of(event)))));
      }
    }
    return messages;
  }

  /**
   * Stable per (job, event): a replayed or restated job event yields the same id, which the dispatcher already
   * knows, so it is delivered once. A started event is per attempt, a progress event per job event.
   */
  static String id(JobEvent event, WebhookEventType type) {
    String base = "msg_" + event.jobId() + "_" + type.wireName();
    return switch (type) {
      case STARTED -> base + "_" + event.attempt();
      case PROGRESS -> base + "_" + event.eventId();
      default -> base;
    };
  }
}
