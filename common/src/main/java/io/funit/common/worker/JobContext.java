package io.funit.common.worker;

import java.time.Duration;

/** What a running job can ask of the runtime. */
public interface JobContext {
  String jobId();

  /** 1 on the first run; higher after a retry or after a redelivery from a worker that died. */
  int attempt();

  String workerId();

  /** The key of one of this job's outputs: deterministic, so a redelivery overwrites nothing new. */
  String outputKey(String name);

  /** Reports progress (rate-limited onto the event topic) and stops the job if a cancel or shutdown came. */
  void progress(long done, long total, String message);

  /** Progress with the job's latest figures (shown by the API, e.g. a training's losses and throughput). */
  void progress(long done, long total, String message, java.util.Map<String, Double> metrics);

  /** Throws {@link JobStoppedException} when the job was canceled or the worker is handing it back. */
  void checkStop();

  boolean stopRequested();

  /** Waits, but no longer than until a stop is requested (then throws {@link JobStoppedException}). */
  void sleep(Duration duration);
}
