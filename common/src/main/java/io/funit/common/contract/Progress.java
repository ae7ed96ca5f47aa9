package io.funit.common.contract;

/**
 * How far a running job is.
 *
 * @param done units finished (iterations, images, steps)
 * @param total units planned, 0 when unknown
 * @param message a short human-readable note
 */
public record Progress(long done, long total, String message) {
  public Progress {
    if (done < 0 || total < 0) {
      throw new IllegalArgumentException("progress must not be negative");
    }
  }
}
