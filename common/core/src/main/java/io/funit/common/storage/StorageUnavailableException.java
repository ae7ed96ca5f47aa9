package io.funit.common.storage;

/**
 * The object store could not be reached or failed on its side (a network error, a 5xx answer: down, overloaded,
 * out of disk), as opposed to refusing the request itself (a 4xx: no such key, access denied). Nothing about the
 * job that asked is wrong: workers wait for the store instead of spending the job's attempts (JobExecution).
 */
public class StorageUnavailableException extends StorageException {
  public StorageUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Whether {@code failure} or one of its causes is this (handlers may wrap what the store threw). */
  public static boolean in(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof StorageUnavailableException) {
        return true;
      }
    }
    return false;
  }
}
