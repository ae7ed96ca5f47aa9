package io.funit.common.eval.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One evaluation of a model on a dataset's held-out classes (spec §6 protocol), with baselines.
 *
 * @param evaluation the evaluation (job) id
 * @param model the model id
 * @param dataset the dataset id
 * @param datasetName the dataset's name
 * @param preset the model's preset
 * @param imageSize the model's image side
 * @param heldOutClasses held-out (test) classes evaluated
 * @param contentsPerClass content images translated per held-out class and K
 * @param k the shot counts evaluated, ascending
 * @param seed the seed of every random draw (contents, class images)
 * @param createdAt when the evaluation finished
 * @param seconds wall time, judges included
 * @param judges the classifiers used as judges, with their own test accuracy
 * @param metrics what each score key means (keys of {@link MethodScores#scores})
 * @param results one entry per K, in the order of {@code k}
 * @param groups for font datasets whose classes name their faces, the same scores per style group of the held-out
 *     fonts ({@code io.funit.common.dataset.fonts.StyleGroups}: serif, sans, italic, bold...), groups with no
 *     held-out font left out; empty otherwise (and null in reports written before groups existed)
 * @param samples report-relative file names of sample grids (PNG), one per K, in the order of {@code k}
 * @param notes how this protocol differs from the paper's (judges trained here, not ImageNet networks, ...)
 * @param baselineModels the other models scored on the same draws, one entry per model (a row of the results is a
 *     {@link BaselineModelInfo#name}); empty when the request named none (null in reports written before them)
 */
public record EvaluationReport(String evaluation, String model, String dataset, String datasetName, String preset,
    int imageSize, int heldOutClasses, int contentsPerClass, List<Integer> k, long seed, Instant createdAt,
    double seconds, List<JudgeSummary> judges, List<MetricInfo> metrics, List<KResult> results,
    List<GroupResult> groups, List<String> samples, List<String> notes, List<BaselineModelInfo> baselineModels,
    Classification classification) {

  /** A report without few-shot classification. */
  public EvaluationReport(String evaluation, String model, String dataset, String datasetName, String preset,
      int imageSize, int heldOutClasses, int contentsPerClass, List<Integer> k, long seed, Instant createdAt,
      double seconds, List<JudgeSummary> judges, List<MetricInfo> metrics, List<KResult> results,
      List<GroupResult> groups, List<String> samples, List<String> notes, List<BaselineModelInfo> baselineModels) {
    this(evaluation, model, dataset, datasetName, preset, imageSize, heldOutClasses, contentsPerClass, k, seed,
        createdAt, seconds, judges, metrics, results, groups, samples, notes, baselineModels, null);
  }

  /** A report without baseline models. */
  public EvaluationReport(String evaluation, String model, String dataset, String datasetName, String preset,
      int imageSize, int heldOutClasses, int contentsPerClass, List<Integer> k, long seed, Instant createdAt,
      double seconds, List<JudgeSummary> judges, List<MetricInfo> metrics, List<KResult> results,
      List<GroupResult> groups, List<String> samples, List<String> notes) {
    this(evaluation, model, dataset, datasetName, preset, imageSize, heldOutClasses, contentsPerClass, k, seed,
        createdAt, seconds, judges, metrics, results, groups, samples, notes, List.of());
  }

  /** Method names of {@link MethodScores#method}: the model and the three baselines. */
  public static final String FUNIT = "funit";
  public static final String COPY_CONTENT = "copy_content";
  public static final String CLASS_MEAN = "class_mean";
  public static final String STYLING_ONLY = "styling_only";
  public static final List<String> METHODS = List.of(FUNIT, COPY_CONTENT, CLASS_MEAN, STYLING_ONLY);

  /** Score keys. Ground-truth keys ({@code gt_*}) exist only for glyph datasets (kind fonts). */
  public static final String ACC_ALL_TOP1 = "accuracy_all_top1";
  public static final String ACC_ALL_TOP5 = "accuracy_all_top5";
  public static final String ACC_HELDOUT_TOP1 = "accuracy_heldout_top1";
  public static final String ACC_HELDOUT_TOP5 = "accuracy_heldout_top5";
  public static final String CONTENT_DISTANCE = "content_distance";
  public static final String INCEPTION_SCORE = "inception_score";
  public static final String MEAN_CLASS_FID = "mean_class_fid";
  public static final String GT_L1 = "gt_l1";
  public static final String GT_SSIM = "gt_ssim";
  public static final String GT_CONTENT_ACCURACY = "gt_content_accuracy";
  public static final String GT_FEATURE_DISTANCE = "gt_feature_distance";

  /**
   * A judge: a classifier trained by the eval-worker on the dataset itself (cached per dataset).
   *
   * @param name style_all (all classes), style_heldout (held-out classes only) or content (characters; glyphs)
   * @param classes output classes
   * @param trainImages images it was trained on
   * @param testImages images its accuracy was measured on (never trained on)
   * @param testAccuracy top-1 accuracy on those
   * @param description what it is and how it differs from the paper's judge
   */
  public record JudgeSummary(String name, int classes, int trainImages, int testImages, double testAccuracy,
      String description) {}

  /**
   * @param key the score key
   * @param label a short human label
   * @param higherIsBetter the direction of the score
   * @param description how it is computed
   */
  public record MetricInfo(String key, String label, boolean higherIsBetter, String description) {}

  /** The scores of every method at one K. */
  public record KResult(int k, List<MethodScores> methods) {}

  /**
   * The scores of the held-out classes of one style group.
   *
   * @param group the group's name
   * @param classes held-out classes in it
   * @param results one entry per K, as {@link EvaluationReport#results}, with the per-class keys only (no Inception
   *     score: it is a property of the whole set of outputs)
   */
  public record GroupResult(String group, int classes, List<KResult> results) {}

  /**
   * A registered model scored beside the evaluated one.
   *
   * @param name the method (row) its scores are under
   * @param model the model's id
   * @param family its family ({@code funit}, {@code stargan})
   * @param preset its training preset
   * @param k the one K it was scored at; null: every K
   * @param iterations how long it trained (null in reports written before it was recorded), so a table of methods
   *     shows each one's budget beside its scores
   */
  public record BaselineModelInfo(String name, String model, String family, String preset, Integer k,
      Long iterations) {}

  /** The method name of a few-shot classifier trained on the K real images alone. */
  public static final String REAL_ONLY = "real_only";

  /**
   * Few-shot classification of the held-out classes (the FUNIT paper's §5.2): a classifier on the features of a
   * judge that never saw them, trained on K real images per class, then again with N images per class that a
   * model generated from source-class content images and those K images; tested on the classes' other real images.
   *
   * @param judge the feature extractor ({@code style_source}: the training classes only)
   * @param classifier how the classifier is built
   * @param classes held-out classes (the classifier's labels)
   * @param testImages real images tested, over all classes (never among any K-set)
   * @param k the real images per class
   * @param generated the generated images per class
   * @param rows {@link #REAL_ONLY} with generated 0 per K, then each model per K and N
   */
  public record Classification(JudgeSummary judge, String classifier, int classes, int testImages, List<Integer> k,
      List<Integer> generated, List<ClassificationRow> rows) {}

  /**
   * @param accuracy top-1 on the test images
   * @param gain accuracy less the real-only accuracy at the same K; null for the real-only rows
   */
  public record ClassificationRow(String method, int k, int generated, double accuracy, Double gain) {}

  /** @param scores score key → value; a metric a method cannot have is absent */
  public record MethodScores(String method, Map<String, Double> scores) {}
}
