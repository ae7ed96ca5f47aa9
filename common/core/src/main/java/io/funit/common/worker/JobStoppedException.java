package io.funit.common.worker;

/**
 * Thrown by the context when a job must stop: it was canceled, the worker is handing it back, or another worker
 * runs a newer attempt. Only in the last case has this run lost the job: it must not write anything more for it.
 */
public class JobStoppedException extends RuntimeException {
  private final boolean superseded;

  public JobStoppedException(String reason) {
    this(reason, false);
  }

  public JobStoppedException(String reason, boolean superseded) {
    super(reason, null, false, false);
    this.superseded = superseded;
  }

  /** Whether a newer attempt owns the job now (this run must not checkpoint or write outputs). */
  public boolean superseded() {
    return superseded;
  }
}
