package io.funit.common.eval.metrics;

/**
 * The Inception Score's formula, exp(E_x KL(p(y|x) ‖ p(y))), with p(y) the mean prediction over the set: high when
 * each image is confidently one class and the set covers many classes. It lies in [1, number of classes].
 */
public final class InceptionScore {
  private InceptionScore() {}

  /** @param probabilities n rows of {@code classes} probabilities (each row sums to 1), flattened */
  public static double of(float[] probabilities, int classes) {
    int n = probabilities.length / classes;
    if (n == 0) {
      return Double.NaN;
    }
    double[] marginal = new double[classes];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < classes; c++) {
        marginal[c] += probabilities[i * classes + c] / (double) n;
      }
    }
    double kl = 0;
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < classes; c++) {
        double p = probabilities[i * classes + c];
        if (p > 0) { // 0·log 0 = 0; p > 0 implies the marginal is > 0
          kl += p * Math.log(p / marginal[c]);
        }
      }
    }
    return Math.exp(kl / n);
  }

  /** Softmax of each row of logits, in place. */
  public static float[] softmax(float[] logits, int classes) {
    for (int base = 0; base < logits.length; base += classes) {
      float max = Float.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        max = Math.max(max, logits[base + c]);
      }
      double sum = 0;
      for (int c = 0; c < classes; c++) {
        sum += Math.exp(logits[base + c] - max);
      }
      for (int c = 0; c < classes; c++) {
        logits[base + c] = (float) (Math.exp(logits[base + c] - max) / sum);
      }
    }
    return logits;
  }
}
