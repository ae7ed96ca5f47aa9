package io.funit.common.worker;

/** Thrown by the context when a job must stop: it was canceled, or the worker is handing it back. */
public class JobStoppedException extends RuntimeException {
  public JobStoppedException(String reason) {
    super(reason, null, false, false);
  }
}
