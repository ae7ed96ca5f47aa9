package io.funit.common.metrics;

import java.time.Duration;

/**
 * Histogram buckets chosen for what FUNIT measures, instead of Micrometer's 70-odd percentile buckets per series:
 * job durations span a 30 ms translation to a day of training.
 */
public final class Buckets {
  private Buckets() {}

  /** Job durations and queue waits: 10 ms to 8 h. */
  public static final Duration[] JOB_SECONDS = seconds(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
      300, 900, 3600, 4 * 3600, 8 * 3600);

  /** Model forward passes and HTTP-sized work: 1 ms to 30 s. */
  public static final Duration[] FAST_SECONDS = seconds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
      1, 2.5, 5, 10, 30);

  /** Batch sizes: powers of two up to 1024. */
  public static final double[] BATCH_SIZES = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};

  private static Duration[] seconds(double... values) {
    Duration[] durations = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      durations[i] = Duration.ofNanos(Math.round(values[i] * 1e9));
    }
    return durations;
  }
}
