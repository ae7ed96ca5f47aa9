package io.funit.common.eval.metrics;

/**
 * The paper's content-preservation distance (DIPD, from MUNIT): deep feature maps of the content image and of its
 * translation, each instance-normalized (per channel: zero mean, unit variance over the spatial positions, which
 * removes what a style changes most: per-channel feature statistics), then the L2 distance between them.
 */
public final class ContentDistance {
  /** Added to the variance, as PyTorch's instance norm does, so a constant channel maps to zeros. */
  static final double EPS = 1e-5;

  private ContentDistance() {}

  /** Instance-normalizes map {@code index} of (N, channels, plane) feature maps, flattened. */
  public static double[] normalize(float[] maps, int index, int channels, int plane) {
    double[] out = new double[channels * plane];
    int base = index * channels * plane;
    for (int c = 0; c < channels; c++) {
      double mean = 0;
      for (int i = 0; i < plane; i++) {
        mean += maps[base + c * plane + i];
      }
      mean /= plane;
      double var = 0;
      for (int i = 0; i < plane; i++) {
        double d = maps[base + c * plane + i] - mean;
        var += d * d;
      }
      double scale = 1 / Math.sqrt(var / plane + EPS);
      for (int i = 0; i < plane; i++) {
        out[c * plane + i] = (maps[base + c * plane + i] - mean) * scale;
      }
    }
    return out;
  }

  /** Euclidean distance of two equally long vectors. */
  public static double l2(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      sum += d * d;
    }
    return Math.sqrt(sum);
  }
}
