package io.funit.common.eval;

/**
 * Protocol limits that keep an evaluation within its time (docs/evaluation.md).
 *
 * @param maxTranslationsPerK content images per K over all held-out classes at most: the request's per-class
 *     {@code contents} is lowered to this divided by the held-out classes (for fonts also to the characters)
 * @param maxImagesPerClass images of a class loaded at most (judges, class images, real images for the FID)
 * @param seed the seed of every draw
 * @param sampleColumns examples (held-out classes) per sample grid
 */
public record EvalOptions(int maxTranslationsPerK, int maxImagesPerClass, long seed, int sampleColumns) {
  public static final EvalOptions DEFAULT = new EvalOptions(6000, 200, 1, 12);

  public EvalOptions {
    if (maxTranslationsPerK < 1 || maxImagesPerClass < 2 || sampleColumns < 1) {
      throw new IllegalArgumentException("bad evaluation options");
    }
  }
}
