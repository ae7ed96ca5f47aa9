package io.funit.common.jobs;

/**
 * A request that is well formed but names state that does not allow it now (continuing a training that is still
 * running): the API answers 409, not 400.
 */
public final class JobConflictException extends RuntimeException {
  public JobConflictException(String message) {
    super(message);
  }
}
