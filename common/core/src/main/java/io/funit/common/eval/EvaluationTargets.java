package io.funit.common.eval;

import io.funit.common.contract.InvalidRequestException;
import io.funit.common.dataset.DatasetClass;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.dataset.StoredDatasets;
import io.funit.common.models.ModelCard;
import io.funit.common.models.ModelRegistry;
import io.funit.common.storage.ObjectStore;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What an evaluation request names, resolved and checked against the store: the model's card and the dataset's
 * manifest. The gateway runs it before enqueueing (so a bad request is a 400 and nothing is queued), the eval worker
 * and {@code ./funit eval} run it again (the store may have changed, and the CLI has no gateway). It reads only JSON
 * and never touches the model code, so the gateway can use it without the engine on its classpath.
 */
public final class EvaluationTargets {
  /** The metric keys a request may name ({@code metrics}); empty means all of them. */
  public static final List<String> METRICS = MetricCatalog.keys();

  /**
   * The models and the dataset of one evaluation.
   *
   * @param baselines the cards of the request's baseline models, in the request's order
   */
  public record Target(ModelCard card, DatasetManifest dataset, List<ModelCard> baselines) {}

  private EvaluationTargets() {}

  /**
   * Checks the request against the store. Blocks (object-store reads).
   *
   * @throws InvalidRequestException naming {@code model}, {@code dataset}, {@code k[i]}, {@code metrics[i]} or
   *     {@code baselines[i].model}
   */
  public static Target resolve(ObjectStore store, EvalRequest request) {
    checkMetrics(request.metrics());
    ModelCard card = find(() -> new ModelRegistry(store).card(request.model()).orElse(null), "model",
        "no model '" + request.model() + "' (GET /v1/models lists them)");
    DatasetManifest dataset = find(() -> new StoredDatasets(store).manifest(request.dataset()).orElse(null),
        "dataset", "no built dataset '" + request.dataset() + "'");
    List<DatasetClass> heldOut = dataset.split(DatasetManifest.SPLIT_TEST);
    if (heldOut.isEmpty()) {
      throw new InvalidRequestException("dataset", "dataset '" + dataset.id() + "' has no held-out (test) classes "
          + "to evaluate on");
    }
    if (dataset.split(DatasetManifest.SPLIT_TRAIN).isEmpty()) {
      throw new InvalidRequestException("dataset", "dataset '" + dataset.id() + "' has no training classes to take "
          + "content images from");
    }
    checkK(request.k(), dataset, heldOut);
    checkShotSets(request, dataset, heldOut);
    checkGroundTruth(request.metrics(), dataset);
    return new Target(card, dataset, baselineCards(store, request, card));
  }

  /**
   * Every baseline model is registered and works at the evaluated model's image size: the draws are decoded once, at
   * that size, for every method.
   */
  static List<ModelCard> baselineCards(ObjectStore store, EvalRequest request, ModelCard evaluated) {
    List<ModelCard> cards = new java.util.ArrayList<>();
    ModelRegistry registry = new ModelRegistry(store);
    for (int i = 0; i < request.baselines().size(); i++) {
      String id = request.baselines().get(i).model();
      String field = "baselines[" + i + "].model";
      ModelCard card = find(() -> registry.card(id).orElse(null), field,
          "no model '" + id + "' (GET /v1/models lists them)");
      if (card.imageSize() != evaluated.imageSize()) {
        throw new InvalidRequestException(field, "model '" + id + "' works at " + card.imageSize() + " px and model '"
            + evaluated.id() + "' at " + evaluated.imageSize() + " px: the methods of one report translate the same "
            + "images");
      }
      cards.add(card);
    }
    return cards;
  }

  /** Every metric must be a known key, named once. */
  static void checkMetrics(List<String> metrics) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < metrics.size(); i++) {
      String key = metrics.get(i);
      if (key == null || !METRICS.contains(key)) {
        throw new InvalidRequestException("metrics[" + i + "]", "unknown metric '" + key + "'; known: " + METRICS);
      }
      if (!seen.add(key)) {
        throw new InvalidRequestException("metrics[" + i + "]", "'" + key + "' is named twice");
      }
    }
  }

  /**
   * K values are distinct, and every held-out class has enough images for the largest: K class images plus, for
   * glyphs, the content glyph itself, which is never among the class images (it is the ground truth).
   */
  static void checkK(List<Integer> k, DatasetManifest dataset, List<DatasetClass> heldOut) {
    int reserved = DatasetManifest.KIND_FONTS.equals(dataset.kind()) ? 1 : 0;
    DatasetClass smallest = heldOut.stream().min(java.util.Comparator.comparingInt(DatasetClass::images)).orElseThrow();
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < k.size(); i++) {
      if (!seen.add(k.get(i))) {
        throw new InvalidRequestException("k[" + i + "]", "K = " + k.get(i) + " is named twice");
      }
      if (k.get(i) > smallest.images() - reserved) {
        throw new InvalidRequestException("k[" + i + "]", "K = " + k.get(i) + " needs more images than held-out "
            + "class '" + smallest.name() + "' has (" + smallest.images() + ")");
      }
    }
  }

  /**
   * Fixed shot sets and few-shot classification take a class's sets from its first {@link ShotSets#POOL} images:
   * a fixed set leaves a font a content character, a classification set leaves images to test on.
   */
  static void checkShotSets(EvalRequest request, DatasetManifest dataset, List<DatasetClass> heldOut) {
    int largest = java.util.Collections.max(request.k());
    for (DatasetClass c : heldOut) {
      if (request.fixedShotSets() && largest > ShotSets.maxK(dataset, c)) {
        throw new InvalidRequestException("shot_sets", "held-out class '" + c.name() + "' can give a fixed set of "
            + "at most " + ShotSets.maxK(dataset, c) + " images, not K = " + largest);
      }
      if (request.classification() != null) {
        int classifying = java.util.Collections.max(request.classification().k());
        if (classifying >= ShotSets.pool(c)) {
          throw new InvalidRequestException("classification.k", "held-out class '" + c.name() + "' has "
              + ShotSets.pool(c) + " images: K = " + classifying + " leaves none to test on");
        }
      }
    }
  }

  /** Ground-truth metrics need a translation's true image, which only glyph datasets have. */
  private static void checkGroundTruth(List<String> metrics, DatasetManifest dataset) {
    if (DatasetManifest.KIND_FONTS.equals(dataset.kind())) {
      return;
    }
    for (int i = 0; i < metrics.size(); i++) {
      if (metrics.get(i).startsWith("gt_")) {
        throw new InvalidRequestException("metrics[" + i + "]", "'" + metrics.get(i) + "' needs ground truth, "
            + "which only font datasets have; dataset '" + dataset.id() + "' is " + dataset.kind());
      }
    }
  }

  /** An id that cannot even name an object is as unknown as one with nothing stored. */
  private static <T> T find(java.util.function.Supplier<T> read, String field, String missing) {
    T found;
    try {
      found = read.get();
    } catch (IllegalArgumentException e) {
      found = null;
    }
    if (found == null) {
      throw new InvalidRequestException(field, missing);
    }
    return found;
  }
}
