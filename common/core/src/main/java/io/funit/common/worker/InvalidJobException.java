package io.funit.common.worker;

/** The job can never succeed as submitted: not retried, dead-lettered with this message. */
public class InvalidJobException extends RuntimeException {
  public InvalidJobException(String message) {
    super(message);
  }

  public InvalidJobException(String message, Throwable cause) {
    super(message, cause);
  }
}
