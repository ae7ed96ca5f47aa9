package io.funit.worker.train;

import io.funit.common.dataset.DatasetManifest;
import io.funit.common.dataset.sampler.KShotSampler;
import io.funit.common.eval.HeldOutGlyphL1;
import io.funit.common.funit.train.NoGrad;
import io.funit.common.models.FewShotTranslator;
import io.funit.common.models.ModelTrainer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A training's validation on fonts it never sees: the held-out glyph L1 ({@link HeldOutGlyphL1}) of the EMA
 * generator (the one a model serves) and of the trained generator, with the two baselines on the same draws, and
 * how well the EMA generator follows the fonts' stroke weight and slant (Pearson's r across fonts). The
 * draws are HeldOutGlyphL1's standard ones, those of the demo's and the model's final measurement (every character),
 * so the last validation of a training equals that figure and every point of the curve is comparable.
 */
final class HeldOutValidation {
  static final String EMA = "held_out_l1_ema";
  static final String GEN = "held_out_l1_gen";
  static final String COPY_CONTENT = "held_out_l1_copy_content";
  static final String CLASS_MEAN = "held_out_l1_class_mean";
  /** Pearson's r across the held-out fonts between the EMA generator's and the true glyphs' stroke weight. */
  static final String WEIGHT_R = "held_out_weight_r_ema";
  /** The same for slant ({@link io.funit.common.eval.StyleAgreement}). */
  static final String SLANT_R = "held_out_slant_r_ema";

  private final DatasetManifest dataset;
  private final KShotSampler images;
  private final int size;

  private HeldOutValidation(DatasetManifest dataset, KShotSampler images, int size) {
    this.dataset = dataset;
    this.images = images;
    this.size = size;
  }

  /** Null when the dataset has no ground truth to compare with: not fonts, or no complete train or no test fonts. */
  static HeldOutValidation forDataset(DatasetManifest dataset, KShotSampler images, int size) {
    boolean measurable = DatasetManifest.KIND_FONTS.equals(dataset.kind())
        && !dataset.split(DatasetManifest.SPLIT_TEST).isEmpty()
        && !dataset.completeFonts(DatasetManifest.SPLIT_TRAIN).isEmpty()
        && dataset.contents().size() > HeldOutGlyphL1.K;
    return measurable ? new HeldOutValidation(dataset, images, size) : null;
  }

  /**
   * The four figures by their metric names; reads the networks only (no gradient, no state change).
   *
   * During the EMA warm-up the EMA generator is a plain copy of the trained one, so it is measured once.
   */
  Map<String, Double> measure(ModelTrainer trainer) {
    HeldOutGlyphL1.Result ema;
    HeldOutGlyphL1.Result gen;
    try (NoGrad noGrad = new NoGrad()) { // the trained generator's parameters require grad: record no graph
      ema = evaluate(trainer.ema());
      gen = trainer.emaIsCurrent() ? ema : evaluate(trainer.current());
    }
    Map<String, Double> values = new LinkedHashMap<>();
    values.put(EMA, ema.model());
    values.put(GEN, gen.model());
    values.put(COPY_CONTENT, ema.copyContent());
    values.put(CLASS_MEAN, ema.classMean());
    values.put(WEIGHT_R, ema.style().weight().model().r());
    values.put(SLANT_R, ema.style().slant().model().r());
    return values;
  }

  private HeldOutGlyphL1.Result evaluate(FewShotTranslator generator) {
    return HeldOutGlyphL1.evaluate(generator, dataset, images, size, HeldOutGlyphL1.FONTS,
        dataset.contents().size(), HeldOutGlyphL1.K, HeldOutGlyphL1.SEED);
  }
}
