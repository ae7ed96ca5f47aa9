package io.funit.common.contract;

/**
 * How far a running job is.
 *
 * @param done units finished (iterations, images, steps)
 * @param total units planned, 0 when unknown
 * @param message a short human-readable note
 * @param metrics the latest figures of a job that has them (a training's losses, throughput, ETA), or null
 */
public record Progress(long done, long total, String message, java.util.Map<String, Double> metrics) {
  public Progress {
    if (done < 0 || total < 0) {
      throw new IllegalArgumentException("progress must not be negative");
    }
    metrics = metrics == null ? null : java.util.Map.copyOf(metrics);
  }

  public Progress(long done, long total, String message) {
    this(done, total, message, null);
  }
}
