package io.funit.common.eval.metrics;

/**
 * A perceptual distance between two images as a judge sees them: one minus the cosine similarity of its pooled
 * features (0: the same to the judge, up to 2: opposite). Pixel L1 and SSIM count a stroke one pixel off as wrong;
 * this asks whether the judge's view of the glyph changed.
 */
public final class FeatureDistance {
  private FeatureDistance() {}

  /** Rows of (n, F) features, each scaled to unit length (a zero row stays zero). */
  public static double[][] normalizedRows(float[] features, int n) {
    int dims = features.length / n;
    double[][] rows = new double[n][dims];
    for (int i = 0; i < n; i++) {
      double norm = 0;
      for (int d = 0; d < dims; d++) {
        norm += (double) features[i * dims + d] * features[i * dims + d];
      }
      double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (int d = 0; d < dims; d++) {
        rows[i][d] = features[i * dims + d] * scale;
      }
    }
    return rows;
  }

  /** 1 − cos between row {@code index} of (n, F) {@code features} and a unit-length {@code reference}. */
  public static double of(float[] features, int index, double[] reference) {
    int dims = reference.length;
    double dot = 0;
    double norm = 0;
    for (int d = 0; d < dims; d++) {
      double x = features[index * dims + d];
      dot += x * reference[d];
      norm += x * x;
    }
    return norm > 0 ? 1 - dot / Math.sqrt(norm) : 1;
  }
}
