package io.funit.common.contract;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Where a job's webhook goes and which of its events it wants; set at submission and carried on every event of
 * the job (see {@link JobEvent}), so the webhook dispatcher needs nothing but the job-event topic.
 *
 * @param url the receiver, http or https, checked at submission and again at each delivery
 * @param events the events to deliver
 */
public record WebhookTarget(String url, Set<WebhookEventType> events) {
  /** Progress is opt-in: a training reports it every few seconds for hours. */
  public static final Set<WebhookEventType> DEFAULT_EVENTS = Set.copyOf(EnumSet.of(WebhookEventType.QUEUED,
      WebhookEventType.STARTED, WebhookEventType.OUTPUT, WebhookEventType.COMPLETED));

  public WebhookTarget {
    Objects.requireNonNull(url, "url");
    events = events == null || events.isEmpty() ? DEFAULT_EVENTS : Set.copyOf(events);
  }

  public boolean wants(WebhookEventType type) {
    return events.contains(type);
  }
}
