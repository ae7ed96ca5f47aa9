package io.funit.common.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a job's webhook can be told about. Coarser than {@link JobEventType}: a receiver cares that a job was
 * queued, started, moved, produced something or ended, not about hand-backs or cancel requests.
 */
public enum WebhookEventType {
  QUEUED, STARTED, PROGRESS, OUTPUT, COMPLETED;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The {@code type} of the webhook payload, e.g. {@code job.completed}. */
  public String payloadType() {
    return "job." + wireName();
  }

  @JsonCreator
  public static WebhookEventType fromWire(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidRequestException("webhook_events", "unknown webhook event '" + name
          + "' (known: queued, started, progress, output, completed)");
    }
  }
}
