package io.funit.common.storage;

/** An object's bytes do not match the SHA-256 recorded when it was written. */
public class ChecksumMismatchException extends StorageException {
  public ChecksumMismatchException(String key, String expected, String actual) {
    super("object " + key + " is corrupt: recorded sha256 " + expected + ", read " + actual, null);
  }
}
