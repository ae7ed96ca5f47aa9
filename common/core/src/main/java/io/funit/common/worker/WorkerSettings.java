package io.funit.common.worker;

import io.funit.common.config.Settings;
import java.time.Duration;

/**
 * How a worker process runs its jobs.
 *
 * @param workerId FUNIT_WORKER_ID, names this process in events and logs (default host-pid)
 * @param concurrency FUNIT_WORKER_CONCURRENCY, jobs of each type run at once (one Kafka consumer each)
 * @param maxAttempts FUNIT_WORKER_MAX_ATTEMPTS, runs of a job (retries and redeliveries) before it is dead-lettered
 * @param retryBackoff FUNIT_WORKER_RETRY_BACKOFF_MS, wait before the first retry; doubles per retry, capped at 1 min
 * @param shutdownGrace FUNIT_WORKER_SHUTDOWN_GRACE_MS, how long a stopping worker waits for jobs to hand back
 * @param progressInterval FUNIT_WORKER_PROGRESS_INTERVAL_MS, minimum time between progress events of a job
 */
public record WorkerSettings(String workerId, int concurrency, int maxAttempts, Duration retryBackoff,
    Duration shutdownGrace, Duration progressInterval) {
  public WorkerSettings {
    if (workerId == null || workerId.isBlank()) {
      throw new IllegalArgumentException("FUNIT_WORKER_ID must not be empty");
    }
    if (concurrency < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException("FUNIT_WORKER_CONCURRENCY and FUNIT_WORKER_MAX_ATTEMPTS must be at least 1");
    }
  }

  public static WorkerSettings from(Settings settings) {
    return new WorkerSettings(
        settings.string("FUNIT_WORKER_ID", defaultWorkerId()),
        settings.integer("FUNIT_WORKER_CONCURRENCY", 1, 1, 64),
        settings.integer("FUNIT_WORKER_MAX_ATTEMPTS", 3, 1, 100),
        settings.millis("FUNIT_WORKER_RETRY_BACKOFF_MS", 2_000),
        settings.millis("FUNIT_WORKER_SHUTDOWN_GRACE_MS", 30_000),
        settings.millis("FUNIT_WORKER_PROGRESS_INTERVAL_MS", 1_000));
  }

  public WorkerSettings withWorkerId(String id) {
    return new WorkerSettings(id, concurrency, maxAttempts, retryBackoff, shutdownGrace, progressInterval);
  }

  /** The wait before retry number {@code retry} (1-based): exponential, capped at one minute. */
  public Duration backoff(int retry) {
    long millis = retryBackoff.toMillis() << Math.min(retry - 1, 20);
    return Duration.ofMillis(Math.min(millis, 60_000));
  }

  private static String defaultWorkerId() {
    String host = System.getenv().getOrDefault("HOSTNAME", "worker");
    return host + "-" + ProcessHandle.current().pid();
  }
}
