package io.funit.common.eval;

import io.funit.common.eval.report.EvaluationReport;
import io.funit.common.eval.report.EvaluationReport.MetricInfo;
import java.util.List;

/** What every score key means, as the report explains it. */
final class MetricCatalog {
  private MetricCatalog() {}

  static final List<MetricInfo> ALL = List.of(
      new MetricInfo(EvaluationReport.ACC_ALL_TOP1, "Top-1 (all)", true,
          "share of outputs that the style_all judge (all classes) classifies as the target class"),
      new MetricInfo(EvaluationReport.ACC_ALL_TOP5, "Top-5 (all)", true,
          "share of outputs whose target class is among style_all's 5 highest scores"),
      new MetricInfo(EvaluationReport.ACC_HELDOUT_TOP1, "Top-1 (held-out)", true,
          "share of outputs that the style_heldout judge (held-out classes only) classifies as the target class"),
      new MetricInfo(EvaluationReport.ACC_HELDOUT_TOP5, "Top-5 (held-out)", true,
          "share of outputs whose target class is among style_heldout's 5 highest scores"),
      new MetricInfo(EvaluationReport.CONTENT_DISTANCE, "Content distance (DIPD)", false,
          "L2 distance between the instance-normalized feature maps (8×8 for 32 px images) of the content image"
              + " and the output: the content judge's for glyphs, style_all's otherwise; mean over outputs"),
      new MetricInfo(EvaluationReport.INCEPTION_SCORE, "IS (held-out)", true,
          "exp(E_x KL(p(y|x) ‖ p(y))) with style_heldout's predictions over all outputs of the method and K;"
              + " 1 to the number of held-out classes"),
      new MetricInfo(EvaluationReport.MEAN_CLASS_FID, "mFID", false,
          "per held-out class, the Fréchet distance between style_all's pooled features of the class's real"
              + " images and of the outputs into it (projected on the real features' principal components), then"
              + " the mean over classes; not comparable with published FIDs"),
      new MetricInfo(EvaluationReport.GT_L1, "L1 to truth", false,
          "mean absolute pixel difference (scale [−1, 1]) to the held-out font's true glyph of the character"),
      new MetricInfo(EvaluationReport.GT_SSIM, "SSIM to truth", true,
          "SSIM to the true glyph: 8-bit scale, 11×11 Gaussian window (σ 1.5), valid positions"),
      new MetricInfo(EvaluationReport.GT_CONTENT_ACCURACY, "Content accuracy", true,
          "share of outputs that the content judge reads as the content image's character"),
      new MetricInfo(EvaluationReport.GT_FEATURE_DISTANCE, "Feature distance to truth", false,
          "1 − cosine similarity of style_all's pooled features of the output and of the true glyph: a perceptual"
              + " distance as the judge sees the glyphs (0: the same to it), which pixel L1 and SSIM are not; mean"
              + " over outputs"));

  static List<String> keys() {
    return ALL.stream().map(MetricInfo::key).toList();
  }

  static boolean needsJudges(String key) {
    return !key.equals(EvaluationReport.GT_L1) && !key.equals(EvaluationReport.GT_SSIM);
  }

  static boolean groundTruth(String key) {
    return key.startsWith("gt_");
  }
}
