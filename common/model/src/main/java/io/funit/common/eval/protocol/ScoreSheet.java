package io.funit.common.eval.protocol;

import io.funit.common.eval.metrics.ContentDistance;
import io.funit.common.eval.metrics.FeatureDistance;
import io.funit.common.eval.metrics.FeaturePca;
import io.funit.common.eval.metrics.FrechetDistance;
import io.funit.common.eval.metrics.InceptionScore;
import io.funit.common.eval.metrics.PixelL1;
import io.funit.common.eval.metrics.Ssim;
import io.funit.common.eval.metrics.TopK;
import io.funit.common.eval.report.EvaluationReport;
import io.funit.common.eval.report.EvaluationReport.KResult;
import io.funit.common.eval.report.EvaluationReport.MethodScores;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The running scores of one method at one K, fed one held-out class at a time. */
final class ScoreSheet {
  private final int heldOutClasses;
  private final int mapChannels;
  private final int mapPlane;
  private final FeaturePca pca;
  private final boolean inceptionScore;
  private int judgedCount;
  private int top1All;
  private int top5All;
  private int top1Held;
  private int top5Held;
  private double contentDistance;
  /** style_heldout's predicted distributions, one chunk per class (the Inception-style score needs them all). */
  private final java.util.List<float[]> probabilities = new java.util.ArrayList<>();
  private double fidSum;
  private int fidClasses;
  private int truths;
  private double l1;
  private double ssim;
  private int readable;
  private int readableJudged;
  private double featureDistance;
  private int featureJudged;

  /**
   * @param pca the FID's feature projection; null when no judges run
   * @param inceptionScore whether to score the Inception-style score, which keeps every output's predicted
   *     distribution until the end (the sheets of style groups do not)
   */
  ScoreSheet(int heldOutClasses, int mapChannels, int mapPlane, FeaturePca pca, boolean inceptionScore) {
    this.heldOutClasses = heldOutClasses;
    this.mapChannels = mapChannels;
    this.mapPlane = mapPlane;
    this.pca = pca;
    this.inceptionScore = inceptionScore;
  }

  /** Scores n outputs of one class; {@code judged} is null when no judge metric was asked for. */
  void add(float[] outputs, int n, int channels, int size, Judged judged, ClassContext c) {
    if (judged != null) {
      addJudged(n, judged, c);
    }
    if (c.truth() != null) {
      int stride = channels * size * size;
      for (int i = 0; i < n; i++) {
        l1 += PixelL1.of(outputs, i * stride, c.truth(), i * stride, stride);
        ssim += Ssim.of(outputs, i, c.truth(), i, channels, size);
      }
      truths += n;
      if (judged != null && c.truthFeatures() != null) {
        for (int i = 0; i < n; i++) {
          featureDistance += FeatureDistance.of(judged.all().features(), i, c.truthFeatures()[i]);
        }
        featureJudged += n;
      }
      if (judged != null && judged.content() != null) {
        int classes = judged.content().logits().length / n;
        for (int i = 0; i < n; i++) {
          readable += TopK.argmax(judged.content().logits(), i, classes) == c.characters()[i] ? 1 : 0;
        }
        readableJudged += n;
      }
    }
  }

  private void addJudged(int n, Judged judged, ClassContext c) {
    int allClasses = judged.all().logits().length / n;
    float[] held = judged.heldOut().logits();
    for (int i = 0; i < n; i++) {
      top1All += TopK.correct(judged.all().logits(), i, allClasses, c.label(), 1) ? 1 : 0;
      top5All += TopK.correct(judged.all().logits(), i, allClasses, c.label(), 5) ? 1 : 0;
      top1Held += TopK.correct(held, i, heldOutClasses, c.heldOutLabel(), 1) ? 1 : 0;
      top5Held += TopK.correct(held, i, heldOutClasses, c.heldOutLabel(), 5) ? 1 : 0;
      contentDistance += ContentDistance.l2(c.contentMaps()[i],
          ContentDistance.normalize(judged.contentMaps(), i, mapChannels, mapPlane));
    }
    judgedCount += n;
    if (inceptionScore) {
      probabilities.add(InceptionScore.softmax(held.clone(), heldOutClasses));
    }
    if (n >= 2 && c.realFeatures().length >= 2) {
      double[][] fake = new double[n][];
      for (int i = 0; i < n; i++) {
        fake[i] = pca.project(judged.all().features(), i);
      }
      fidSum += FrechetDistance.of(c.realFeatures(), fake);
      fidClasses++;
    }
  }

  /** Every score this sheet has, by report key. */
  Map<String, Double> scores() {
    Map<String, Double> s = new LinkedHashMap<>();
    if (judgedCount > 0) {
      double n = judgedCount;
      s.put(EvaluationReport.ACC_ALL_TOP1, top1All / n);
      s.put(EvaluationReport.ACC_ALL_TOP5, top5All / n);
      s.put(EvaluationReport.ACC_HELDOUT_TOP1, top1Held / n);
      s.put(EvaluationReport.ACC_HELDOUT_TOP5, top5Held / n);
      s.put(EvaluationReport.CONTENT_DISTANCE, contentDistance / n);
      if (inceptionScore) {
        s.put(EvaluationReport.INCEPTION_SCORE, InceptionScore.of(allProbabilities(), heldOutClasses));
      }
      if (fidClasses > 0) {
        s.put(EvaluationReport.MEAN_CLASS_FID, fidSum / fidClasses);
      }
    }
    if (truths > 0) {
      s.put(EvaluationReport.GT_L1, l1 / truths);
      s.put(EvaluationReport.GT_SSIM, ssim / truths);
      if (readableJudged > 0) {
        s.put(EvaluationReport.GT_CONTENT_ACCURACY, (double) readable / readableJudged);
      }
      if (featureJudged > 0) {
        s.put(EvaluationReport.GT_FEATURE_DISTANCE, featureDistance / featureJudged);
      }
    }
    return s;
  }

  /**
   * The results of every method's sheets, one per K, each method's scores limited to the keys {@code keep} accepts.
   */
  static List<KResult> results(List<Integer> ks, List<Map<String, ScoreSheet>> perK,
      java.util.function.Predicate<String> keep) {
    List<KResult> results = new java.util.ArrayList<>();
    for (int ki = 0; ki < ks.size(); ki++) {
      List<MethodScores> methods = new java.util.ArrayList<>();
      perK.get(ki).forEach((method, sheet) -> {
        Map<String, Double> scores = new LinkedHashMap<>(sheet.scores());
        scores.keySet().removeIf(keep.negate());
        methods.add(new MethodScores(method, scores));
      });
      results.add(new KResult(ks.get(ki), methods));
    }
    return results;
  }

  private float[] allProbabilities() {
    float[] all = new float[probabilities.stream().mapToInt(p -> p.length).sum()];
    int at = 0;
    for (float[] p : probabilities) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }
}
