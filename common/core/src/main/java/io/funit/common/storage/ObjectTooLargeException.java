package io.funit.common.storage;

/** An object is larger than the reader allows: a property of the object, so retrying cannot help. */
public final class ObjectTooLargeException extends StorageException {
  public ObjectTooLargeException(String message) {
    super(message, null);
  }
}
