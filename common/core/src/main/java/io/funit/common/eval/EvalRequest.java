package io.funit.common.eval;

import io.funit.common.contract.Checks;
import io.funit.common.contract.InvalidRequestException;
import io.funit.common.contract.JobRequest;
import io.funit.common.eval.report.EvaluationReport;
import io.funit.common.translate.TranslateRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluate a model on a dataset's held-out classes.
 *
 * @param model model id
 * @param dataset dataset id
 * @param k the shot counts to evaluate, e.g. [1, 5, 10, 20]
 * @param contents content images per class and K
 * @param metrics which metrics to compute; empty means all
 * @param baselines other registered models scored on the same draws (the paper's StarGAN-Fair-K and -Unfair-K);
 *     empty means none
 * @param shotSets {@code per_draw} (default): fresh class images for every content image; {@code fixed}: one K-set
 *     per held-out class and K ({@link ShotSets}), the images an {@code unfair} dataset adds for StarGAN-Unfair-K
 * @param classification also few-shot classification of the held-out classes with generated images; null: not
 */
public record EvalRequest(String model, String dataset, List<Integer> k, int contents, List<String> metrics,
    List<BaselineModel> baselines, String shotSets, ClassificationRequest classification) implements JobRequest {
  public static final String PER_DRAW = "per_draw";
  public static final String FIXED = "fixed";
  /** Baseline model entries at most: every one is a model loaded and a row of translations at each of its K. */
  public static final int MAX_BASELINES = 8;

  public EvalRequest {
    Checks.required("model", model);
    Checks.required("dataset", dataset);
    k = k == null || k.isEmpty() ? List.of(1, 5, 10, 20) : Checks.size("k", k, 1, 16);
    for (int i = 0; i < k.size(); i++) {
      if (k.get(i) == null) {
        throw new InvalidRequestException("k[" + i + "]", "must be a whole number, got null");
      }
      Checks.range("k[" + i + "]", k.get(i), 1, TranslateRequest.MAX_CLASS_IMAGES);
    }
    k = List.copyOf(k);
    contents = contents == 0 ? 100 : (int) Checks.range("contents", contents, 1, 100_000);
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
    if (baselines == null) {
      baselines = List.of();
    }
    checkBaselines(Checks.size("baselines", baselines, 0, MAX_BASELINES), k);
    baselines = List.copyOf(baselines); // after the checks: a null entry is named there, not refused by copyOf
    shotSets = shotSets == null ? PER_DRAW : shotSets;
    if (!List.of(PER_DRAW, FIXED).contains(shotSets)) {
      throw new InvalidRequestException("shot_sets", "must be per_draw or fixed, got '" + shotSets + "'");
    }
  }

  /** A request without baseline models. */
  public EvalRequest(String model, String dataset, List<Integer> k, int contents, List<String> metrics) {
    this(model, dataset, k, contents, metrics, List.of(), PER_DRAW, null);
  }

  /** True when every translation of a class at a K uses the class's one K-set. */
  public boolean fixedShotSets() {
    return FIXED.equals(shotSets);
  }

  /**
   * Each entry names a row and a model; a row is either one model at every K or one model per K of the request,
   * and never a built-in method's name.
   */
  private static void checkBaselines(List<BaselineModel> baselines, List<Integer> k) {
    // per row, the K of its models so far (null: a model at every K)
    Map<String, List<Integer>> rows = new HashMap<>();
    for (int i = 0; i < baselines.size(); i++) {
      BaselineModel b = baselines.get(i);
      String at = "baselines[" + i + "]";
      if (b == null) {
        throw new InvalidRequestException(at, "must be an object with name and model");
      }
      Checks.required(at + ".name", b.name());
      if (!b.name().matches(BaselineModel.NAME_PATTERN)) {
        throw new InvalidRequestException(at + ".name", "must be lowercase letters, digits and '_', starting with "
            + "a letter, at most 32 characters: '" + b.name() + "'");
      }
      if (EvaluationReport.METHODS.contains(b.name())) {
        throw new InvalidRequestException(at + ".name", "'" + b.name() + "' is a built-in method of every report");
      }
      Checks.id(at + ".model", Checks.required(at + ".model", b.model()));
      if (b.k() != null && !k.contains(b.k())) {
        throw new InvalidRequestException(at + ".k", "K = " + b.k() + " is not among the request's k " + k);
      }
      List<Integer> rowK = rows.computeIfAbsent(b.name(), name -> new ArrayList<>());
      if (!rowK.isEmpty() && (b.k() == null || rowK.contains(null) || rowK.contains(b.k()))) {
        throw new InvalidRequestException(at, "row '" + b.name() + "' already has a model"
            + (b.k() == null ? "" : " at K = " + b.k()) + ": a row is one model at every K or one model per K");
      }
      rowK.add(b.k());
    }
  }
}
