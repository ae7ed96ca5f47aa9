package io.funit.common.worker;

/** A failure that may pass on a later attempt (a dependency was down, a transient I/O error). */
public class RetryableJobException extends RuntimeException {
  public RetryableJobException(String message) {
    super(message);
  }

  public RetryableJobException(String message, Throwable cause) {
    super(message, cause);
  }
}
