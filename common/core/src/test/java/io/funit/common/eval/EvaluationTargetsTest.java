package io.funit.common.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funit.common.contract.InvalidRequestException;
import io.funit.common.dataset.DatasetClass;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.eval.report.EvaluationReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTargetsTest {
  @Test
  void knownMetricsPassAndAnUnknownOneIsNamedByItsIndex() {
    EvaluationTargets.checkMetrics(List.of(EvaluationReport.MEAN_CLASS_FID, EvaluationReport.GT_L1));
    assertThatThrownBy(() -> EvaluationTargets.checkMetrics(List.of(EvaluationReport.ACC_ALL_TOP1, "fid_typo")))
        .isInstanceOf(InvalidRequestException.class)
        .satisfies(e -> assertThat(((InvalidRequestException) e).field()).isEqualTo("metrics[1]"));
  }

  @Test
  void aMetricNamedTwiceIsRefused() {
    assertThatThrownBy(() -> EvaluationTargets.checkMetrics(List.of(EvaluationReport.GT_L1, EvaluationReport.GT_L1)))
        .satisfies(e -> assertThat(((InvalidRequestException) e).field()).isEqualTo("metrics[1]"));
  }

  @Test
  void everyReportScoreKeyIsAKnownMetric() {
    assertThat(EvaluationTargets.METRICS).containsExactlyInAnyOrder(EvaluationReport.ACC_ALL_TOP1,
        EvaluationReport.ACC_ALL_TOP5, EvaluationReport.ACC_HELDOUT_TOP1, EvaluationReport.ACC_HELDOUT_TOP5,
        EvaluationReport.CONTENT_DISTANCE, EvaluationReport.INCEPTION_SCORE, EvaluationReport.MEAN_CLASS_FID,
        EvaluationReport.GT_L1, EvaluationReport.GT_SSIM, EvaluationReport.GT_CONTENT_ACCURACY,
        EvaluationReport.GT_FEATURE_DISTANCE);
  }

  @Test
  void kMustFitTheSmallestHeldOutClassLeavingTheContentGlyphOutForFonts() {
    DatasetManifest fonts = manifest(DatasetManifest.KIND_FONTS, 6);
    List<DatasetClass> heldOut = fonts.split(DatasetManifest.SPLIT_TEST);
    EvaluationTargets.checkK(List.of(1, 5), fonts, heldOut);
    assertThatThrownBy(() -> EvaluationTargets.checkK(List.of(1, 6), fonts, heldOut))
        .satisfies(e -> assertThat(((InvalidRequestException) e).field()).isEqualTo("k[1]"));

    DatasetManifest images = manifest(DatasetManifest.KIND_IMAGES, 6);
    EvaluationTargets.checkK(List.of(6), images, images.split(DatasetManifest.SPLIT_TEST));
  }

  @Test
  void aKNamedTwiceIsRefused() {
    DatasetManifest images = manifest(DatasetManifest.KIND_IMAGES, 8);
    assertThatThrownBy(() -> EvaluationTargets.checkK(List.of(1, 2, 1), images,
        images.split(DatasetManifest.SPLIT_TEST)))
        .satisfies(e -> assertThat(((InvalidRequestException) e).field()).isEqualTo("k[2]"));
  }

  /** Two training classes of 10 images, two held-out classes of 10 and {@code smallest} images. */
  private static DatasetManifest manifest(String kind, int smallest) {
    List<DatasetClass> classes = List.of(cls(0, "train", 10), cls(1, "train", 10), cls(2, "test", 10),
        cls(3, "test", smallest));
    return new DatasetManifest(1, "ds", kind, "ds", 32, "gray", List.of(), 1, classes);
  }

  private static DatasetClass cls(int index, String split, int images) {
    return new DatasetClass(index, "c" + index, split, images, DatasetClass.shardPath(index),
        java.util.stream.IntStream.range(0, images).mapToObj(i -> i + ".png").toList(), null);
  }
}
