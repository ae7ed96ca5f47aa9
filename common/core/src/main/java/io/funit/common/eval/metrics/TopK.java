package io.funit.common.eval.metrics;

/** Top-k accuracy: an image counts as its target class when fewer than k classes score strictly higher. */
public final class TopK {
  private TopK() {}

  /**
   * @param logits scores of row {@code row}, {@code classes} per row (logits or probabilities: only order counts)
   * @param target the class the image should be recognised as
   */
  public static boolean correct(float[] logits, int row, int classes, int target, int k) {
    int base = row * classes;
    float score = logits[base + target];
    int above = 0;
    for (int c = 0; c < classes; c++) {
      // ties count for the target: a judge that cannot tell two classes apart is not held against the method
      if (logits[base + c] > score && ++above >= k) {
        return false;
      }
    }
    return true;
  }

  /** The predicted class of a row (its first highest score). */
  public static int argmax(float[] logits, int row, int classes) {
    int base = row * classes;
    int best = 0;
    for (int c = 1; c < classes; c++) {
      if (logits[base + c] > logits[base + best]) {
        best = c;
      }
    }
    return best;
  }
}
