package io.funit.common.storage;

/** The object store failed or refused an operation; the message names the key. */
public class StorageException extends RuntimeException {
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
