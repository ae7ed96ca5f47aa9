package io.funit.deploy.chaos;

import io.funit.common.contract.JobEvent;
import io.funit.common.contract.WebhookEventType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The webhook messages a job's events promise, by id, in order: the documented mapping (docs/webhooks.md: queued,
 * started per attempt, progress per event, output and completed on success, completed on failure or cancel; a
 * restated event has the same id). Written from the documentation, not shared with the gateway's code, so that the
 * audit checks the dispatcher instead of agreeing with it.
 */
final class ExpectedWebhooks {
  private ExpectedWebhooks() {}

  static List<String> of(List<JobEvent> events) {
    Set<String> ids = new LinkedHashSet<>();
    for (JobEvent event : events) {
      if (event.webhook() == null) {
        continue;
      }
      List<WebhookEventType> types = switch (event.event()) {
        case QUEUED -> List.of(WebhookEventType.QUEUED);
        case STARTED -> List.of(WebhookEventType.STARTED);
        case PROGRESS -> List.of(WebhookEventType.PROGRESS);
        case SUCCEEDED -> List.of(WebhookEventType.OUTPUT, WebhookEventType.COMPLETED);
        case FAILED, CANCELED -> List.of(WebhookEventType.COMPLETED);
        default -> List.of();
      };
      for (WebhookEventType type : types) {
        if (event.webhook().wants(type)) {
          ids.add(id(event, type));
        }
      }
    }
    return new ArrayList<>(ids);
  }

  private static String id(JobEvent event, WebhookEventType type) {
    String base = "msg_" + event.jobId() + "_" + type.wireName();
    return switch (type) {
      case STARTED -> base + "_" + event.attempt();
      case PROGRESS -> base + "_" + event.eventId();
      default -> base;
    };
  }
}
