package io.funit.common.worker;

import java.time.Duration;
import java.util.Optional;

/** What a running job can ask of the runtime. */
public interface JobContext {
  String jobId();

  /** 1 on the first run; higher after a retry or after a redelivery from a worker that died. */
  int attempt();

  String workerId();

  /**
   * The worker slot running the job, {@code <type>-<index>} (e.g. {@code train-0}): the bounded label of the
   * job's live figures in metrics (one training per slot at a time).
   */
  String slot();

  /**
   * The object at {@code key} when the job's work record carries it instead of the store (a small upload,
   * {@link io.funit.common.contract.JobEnvelope#attachments()}); empty otherwise: read it from the store.
   */
  default Optional<byte[]> attachment(String key) {
    return Optional.empty();
  }

  /** The key of one of this job's outputs: deterministic, so a redelivery overwrites nothing new. */
  String outputKey(String name);

  /** Reports progress (rate-limited onto the event topic) and stops the job if a cancel or shutdown came. */
  void progress(long done, long total, String message);

  /** Progress with the job's latest figures (shown by the API, e.g. a training's losses and throughput). */
  void progress(long done, long total, String message, java.util.Map<String, Double> metrics);

  /** Throws {@link JobStoppedException} when the job was canceled or the worker is handing it back. */
  void checkStop();

  boolean stopRequested();

  /**
   * Like {@link #checkStop}, but a hand-back (the worker is draining, or gives the partition up) does not stop the job:
   * for a step that finishes soon anyway, e.g. a translation whose batch is already running. A cancel, or a newer
   * attempt elsewhere, still does.
   */
  void checkCanceled();

  /** Waits, but no longer than until a stop is requested (then throws {@link JobStoppedException}). */
  void sleep(Duration duration);
}
