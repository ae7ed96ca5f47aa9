package io.funit.common.eval.metrics;

/** Mean absolute pixel difference in the models' [−1, 1] scale (as {@code HeldOutGlyphL1}). */
public final class PixelL1 {
  private PixelL1() {}

  /** Mean |clip(a) − b| over {@code length} values; {@code a} (a method's output) is clipped to [−1, 1] first. */
  public static double of(float[] a, int ao, float[] b, int bo, int length) {
    double sum = 0;
    for (int i = 0; i < length; i++) {
      float x = Math.max(-1f, Math.min(1f, a[ao + i]));
      sum += Math.abs(x - b[bo + i]);
    }
    return sum / length;
  }
}
