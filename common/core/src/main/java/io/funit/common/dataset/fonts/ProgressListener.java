package io.funit.common.dataset.fonts;

/**
 * Receives the builder's progress on the calling thread. To cancel a build, throw an unchecked exception from
 * {@link #progress}: the builder stops its workers and lets the exception propagate.
 */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = (done, total, message) -> {};

  /**
   * @param done steps finished so far (never decreases)
   * @param total the steps of the whole build as known now: it is an estimate until curation has run
   * @param message what the builder is doing
   */
  void progress(long done, long total, String message);
}
