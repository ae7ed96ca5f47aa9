package io.funit.common.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a job is in its life: queued → running → succeeded | failed | canceled (running → queued when handed back). */
public enum JobState {
  QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELED;

  public boolean terminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELED;
  }

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static JobState fromWire(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidRequestException("status", "unknown job state '" + name + "'");
    }
  }
}
