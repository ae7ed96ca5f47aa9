package io.funit.worker.translate.batching;

/**
 * One job's share of a batch: its content images and either its K class images or a class code computed before.
 * Images are (3, S, S) planes in [−1, 1], concatenated.
 *
 * @param contents {@code contentCount · 3·S·S} values
 * @param contentCount content images
 * @param classImages {@code k · 3·S·S} values, or null when {@code classCode} is given
 * @param k class images
 * @param classCode the K-shot class code (latent), or null to compute it from {@code classImages}
 */
public record TranslationWork(float[] contents, int contentCount, float[] classImages, int k, float[] classCode) {
  public TranslationWork {
    if (contentCount < 1 || (classCode == null && (classImages == null || k < 1))) {
      throw new IllegalArgumentException("a translation needs content images and class images or a class code");
    }
  }

  public static TranslationWork withClassImages(float[] contents, int contentCount, float[] classImages, int k) {
    return new TranslationWork(contents, contentCount, classImages, k, null);
  }

  public static TranslationWork withClassCode(float[] contents, int contentCount, float[] classCode) {
    return new TranslationWork(contents, contentCount, null, 0, classCode);
  }
}
