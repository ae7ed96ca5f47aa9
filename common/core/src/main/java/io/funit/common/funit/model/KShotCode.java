package io.funit.common.funit.model;

import java.util.List;

/**
 * The K-shot class code: the mean of the K class images' codes, taken before the MLP (spec G3). One place for the
 * translate worker's batches and the evaluation's translations, so both average alike.
 */
public final class KShotCode {
  private KShotCode() {}

  /** The mean of {@code codes}, each of the same length (the latent size). */
  public static float[] mean(List<float[]> codes) {
    if (codes.isEmpty()) {
      throw new IllegalArgumentException("a K-shot code needs at least one class code");
    }
    float[] mean = new float[codes.get(0).length];
    for (float[] code : codes) {
      for (int d = 0; d < mean.length; d++) {
        mean[d] += code[d];
      }
    }
    for (int d = 0; d < mean.length; d++) {
      mean[d] /= codes.size();
    }
    return mean;
  }
}
