package io.funit.common.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.funit.common.dataset.DatasetClass;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.dataset.sampler.KShotSampler;
import io.funit.common.imaging.ImagePlanes;
import io.funit.common.models.FewShotTranslator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The few-shot ground-truth check for font datasets: for held-out fonts (never seen in training) and characters c,
 * the generator gets the glyph c of a random training font as content and K other glyphs of the held-out font as
 * class images (c itself excluded); its output is compared with the held-out font's true glyph c by mean absolute
 * difference of pixel values in [−1, 1], the models' scale (the scale of the measured anchor in docs/benchmarks.md,
 * where copying the content glyph scored 0.222). Two baselines use the same draws: copying the content glyph, and
 * the pixel mean of the K class glyphs. For gray datasets (glyphs) the translation is compared in gray, the mean
 * of its three channels: the network always has three output channels, and the dataset's colour model says the
 * product shows gray images ({@link ImagePlanes#toGray}).
 */
public final class HeldOutGlyphL1 {
  /** The standard draws (the demo's figure, a model's held-out-l1.json, a training's validation): 32 fonts. */
  public static final int FONTS = 32;
  /** Class images per translation in the standard draws. */
  public static final int K = 5;
  /** Seed of the standard draws. */
  public static final long SEED = 1;

  private HeldOutGlyphL1() {}

  /**
   * @param fonts held-out fonts evaluated
   * @param characters characters per font
   * @param k class images per translation
   * @param model the generator's mean L1
   * @param copyContent the mean L1 of copying the content glyph
   * @param classMean the mean L1 of the class glyphs' pixel mean
   * @param style whether the model and the baselines follow the fonts' stroke weight and slant, on the same draws
   */
  public record Result(int fonts, int characters, int k, double model, double copyContent, double classMean,
      StyleAgreement style) {}

  public static Result evaluate(FewShotTranslator generator, DatasetManifest dataset, KShotSampler images, int size,
      int maxFonts, int charactersPerFont, int k, long seed) {
    List<DatasetClass> test = dataset.split(DatasetManifest.SPLIT_TEST);
    List<DatasetClass> train = dataset.completeFonts(DatasetManifest.SPLIT_TRAIN); // content glyphs by character
    if (!DatasetManifest.KIND_FONTS.equals(dataset.kind()) || test.isEmpty() || train.isEmpty()) {
      throw new IllegalArgumentException("held-out glyph L1 needs a font dataset with train and test fonts");
    }
    int fonts = Math.min(maxFonts, test.size());
    int contents = dataset.contents().size();
    int chars = Math.min(charactersPerFont, contents);
    int stride = 3 * size * size;
    SplittableRandom random = new SplittableRandom(seed);
    double model = 0;
    double copy = 0;
    double mean = 0;
    int n = 0;
    StyleAgreement.Tally style = new StyleAgreement.Tally(fonts);
    try (NDManager manager = NDManager.newBaseManager()) {
      ParameterStore store = new ParameterStore(manager, false);
      for (int f = 0; f < fonts; f++) {
        DatasetClass font = test.get(f);
        int[] characters = random.ints(0, contents).distinct().limit(chars).toArray();
        float[] content = new float[chars * stride];
        float[] truth = new float[chars * stride];
        float[] classImages = new float[chars * k * stride];
        for (int i = 0; i < chars; i++) {
          int c = characters[i];
          DatasetClass source = train.get(random.nextInt(train.size()));
          System.arraycopy(images.load(source, new int[] {c}), 0, content, i * stride, stride);
          System.arraycopy(images.load(font, new int[] {c}), 0, truth, i * stride, stride);
          int[] shots = images.pick(font, k, random.nextLong(), c);
          System.arraycopy(images.load(font, shots), 0, classImages, i * k * stride, k * stride);
        }
        try (NDManager batch = manager.newSubManager()) {
          // the K-shot code: the mean of the K images' codes, before the decoder's MLP (spec G3)
          NDArray codes = generator.classCode(store, batch.create(classImages, new Shape(chars * k, 3, size, size)))
              .reshape(chars, k, generator.classCodeSize()).mean(new int[] {1});
          NDArray out = generator.decode(store,
              generator.contentCode(store, batch.create(content, new Shape(chars, 3, size, size))), codes);
          float[] translated = out.toFloatArray();
          if ("gray".equals(dataset.color())) {
            ImagePlanes.toGray(translated, size * size);
          }
          for (int i = 0; i < chars; i++) {
            float[] classMean = classMean(classImages, i * k * stride, k, stride);
            model += l1(translated, i * stride, truth, i * stride, stride);
            copy += l1(content, i * stride, truth, i * stride, stride);
            mean += l1(classMean, 0, truth, i * stride, stride);
            n++;
            style.add(f, StyleAgreement.Tally.MODEL, translated, i * stride, size);
            style.add(f, StyleAgreement.Tally.COPY, content, i * stride, size);
            style.add(f, StyleAgreement.Tally.CLASS_MEAN, classMean, 0, size);
            style.add(f, StyleAgreement.Tally.TRUTH, truth, i * stride, size);
          }
        }
      }
    }
    return new Result(fonts, chars, k, model / n, copy / n, mean / n, style.result());
  }

  /** Mean |a − b| of two [−1, 1] images (the translation clipped to that range first). */
  private static double l1(float[] a, int ao, float[] b, int bo, int length) {
    double sum = 0;
    for (int i = 0; i < length; i++) {
      float x = Math.max(-1f, Math.min(1f, a[ao + i]));
      sum += Math.abs(x - b[bo + i]);
    }
    return sum / length;
  }

  private static float[] classMean(float[] images, int offset, int k, int stride) {
    float[] mean = new float[stride];
    for (int j = 0; j < k; j++) {
      for (int i = 0; i < stride; i++) {
        mean[i] += images[offset + j * stride + i] / k;
      }
    }
    return mean;
  }
}
