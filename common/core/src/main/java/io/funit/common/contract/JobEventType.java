package io.funit.common.contract;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What happened to a job; every event also carries the job's full state after it (see {@link JobEvent}). */
public enum JobEventType {
  QUEUED, STARTED, PROGRESS, RETRYING, CANCEL_REQUESTED, REQUEUED, SUCCEEDED, FAILED, CANCELED;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
