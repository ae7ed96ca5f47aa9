package io.funit.deploy.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The FUNIT paper's experiments through the product's own API, as a user would run them (issue 21): a FUNIT model
 * (an existing one, or trained here), StarGAN-Fair trained on the same source classes, one StarGAN-Unfair per K
 * trained on an {@code unfair} dataset (the source classes plus each held-out class's fixed K-set), then one
 * evaluation with fixed shot sets that scores all of them beside the simple baselines at every K (Table 1) and runs
 * few-shot classification with generated images (§5.2). Every training has a time budget; the plan's total is
 * printed before anything starts.
 */
public final class PaperRun {
  /**
   * What to run.
   *
   * @param dataset the dataset (its held-out classes are the unseen ones)
   * @param funitModel an existing FUNIT model trained on {@code dataset}; null: train one with {@code funitBudget}
   * @param funitTraining the FUNIT training request's preset and overrides, when one is trained
   * @param stargan the StarGAN trainings' preset and overrides
   * @param fairModel an existing StarGAN-Fair model trained on {@code dataset} (a run that stopped after it goes on
   *     from there); null: train one with {@code fairBudget}
   * @param ks the evaluation's K values, one Unfair model each
   * @param classification the evaluation's classification request ({@code k}, {@code generated})
   */
  public record Plan(String dataset, String funitModel, Map<String, Object> funitTraining, Duration funitBudget,
      Map<String, Object> stargan, String fairModel, Duration fairBudget, Duration unfairBudget, List<Integer> ks,
      Map<String, Object> classification, Duration evaluationTimeout) {

    /** Training time of every model the plan trains. */
    Duration trainingBudget() {
      Duration total = unfairBudget.multipliedBy(ks.size());
      total = fairModel == null ? total.plus(fairBudget) : total;
      return funitModel == null ? total.plus(funitBudget) : total;
    }

    String describe() {
      return (funitModel == null ? "FUNIT training " + funitBudget.toMinutes() + " min" : "FUNIT model " + funitModel)
          + ", StarGAN-Fair " + (fairModel == null ? fairBudget.toMinutes() + " min" : "model " + fairModel) + ", "
          + ks.size() + " StarGAN-Unfair (K = " + ks + ") "
          + unfairBudget.toMinutes() + " min each: " + trainingBudget().toMinutes() + " min of training in all, "
          + "each training stopped by its budget; then one evaluation (judges, Table 1 at every K, few-shot "
          + "classification), given at most " + evaluationTimeout.toMinutes() + " min";
    }
  }

  /**
   * What it made: the models (by role), the evaluation, its report's Table 1 and classification rows.
   *
   * @param unfairModels per K, the Unfair model
   */
  public record Result(String dataset, String funitModel, String fairModel, Map<Integer, String> unfairModels,
      Map<Integer, String> unfairDatasets, String evaluation, String reportUrl, JsonNode table,
      JsonNode classification, Map<String, Long> seconds) {}

  private final GatewayClient api;
  private final Consumer<String> say;

  public PaperRun(GatewayClient api, Consumer<String> say) {
    this.api = api;
    this.say = say;
  }

  public Result run(Plan plan) throws Exception {
    Map<String, Long> seconds = new LinkedHashMap<>();
    say.accept("plan: " + plan.describe());
    String funit = plan.funitModel();
    if (funit == null) {
      funit = timed(seconds, "funit", () -> train(plan.dataset(), plan.funitTraining(), plan.funitBudget(), "FUNIT"));
    }
    String fair = plan.fairModel() != null ? plan.fairModel() : timed(seconds, "stargan_fair",
        () -> train(plan.dataset(), plan.stargan(), plan.fairBudget(), "StarGAN-Fair"));
    Map<Integer, String> unfairDatasets = new LinkedHashMap<>();
    Map<Integer, String> unfairModels = new LinkedHashMap<>();
    for (int k : plan.ks()) {
      String dataset = timed(seconds, "unfair_dataset_k" + k, () -> unfairDataset(plan.dataset(), k));
      unfairDatasets.put(k, dataset);
      unfairModels.put(k, timed(seconds, "stargan_unfair_k" + k, () -> train(dataset, plan.stargan(),
          plan.unfairBudget(), "StarGAN-Unfair-" + k)));
    }
    String model = funit;
    JsonNode evaluation = timed(seconds, "evaluation", () -> evaluate(plan, model, fair, unfairModels));
    String id = evaluation.path("id").asText();
    JsonNode report = api.get("/v1/evaluations/" + id + "/report.json");
    return new Result(plan.dataset(), funit, fair, unfairModels, unfairDatasets, id,
        api.url("/v1/evaluations/" + id + "/report"), report.path("results"), report.path("classification"),
        seconds);
  }

  private String train(String dataset, Map<String, Object> spec, Duration budget, String role) throws Exception {
    Map<String, Object> request = new LinkedHashMap<>(spec);
    request.put("dataset", dataset);
    request.put("max_seconds", budget.toSeconds());
    String id = api.post("/v1/trainings", request, 202).path("id").asText();
    say.accept(role + ": training " + id + " (" + spec.get("preset") + ", " + budget.toMinutes() + " min)");
    JsonNode done = awaitEnd("/v1/trainings/" + id, budget.multipliedBy(3).plusMinutes(10));
    say.accept(role + ": " + done.path("iteration").asLong() + " iterations, model " + done.path("model").asText());
    return done.path("model").asText();
  }

  private String unfairDataset(String base, int k) throws Exception {
    String id = api.post("/v1/datasets", Map.of("kind", "unfair", "base", base, "k", k), 202).path("id").asText();
    awaitEnd("/v1/datasets/" + id, Duration.ofMinutes(30));
    say.accept("K = " + k + ": unfair dataset " + id);
    return id;
  }

  private JsonNode evaluate(Plan plan, String funit, String fair, Map<Integer, String> unfair) throws Exception {
    List<Map<String, Object>> baselines = new ArrayList<>();
    baselines.add(Map.of("name", "stargan_fair", "model", fair));
    unfair.forEach((k, model) -> baselines.add(Map.of("name", "stargan_unfair", "model", model, "k", k)));
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("model", funit);
    request.put("dataset", plan.dataset());
    request.put("k", plan.ks());
    request.put("shot_sets", "fixed");
    request.put("baselines", baselines);
    request.put("classification", plan.classification());
    String id = api.post("/v1/evaluations", request, 202).path("id").asText();
    say.accept("evaluation " + id + " of " + funit + " with " + baselines.size() + " baseline models");
    return awaitEnd("/v1/evaluations/" + id, plan.evaluationTimeout());
  }

  /** Waits for the resource to end; anything but success is an error naming it. */
  private JsonNode awaitEnd(String path, Duration timeout) throws Exception {
    JsonNode state = api.awaitEnd(path, timeout, Duration.ofSeconds(1), null);
    if (!state.path("status").asText().equals("succeeded")) {
      throw new IllegalStateException(path + " ended " + state.path("status").asText() + ": " + state.path("error"));
    }
    return state;
  }

  private interface Step<T> {
    T run() throws Exception;
  }

  private static <T> T timed(Map<String, Long> seconds, String name, Step<T> step) throws Exception {
    long start = System.nanoTime();
    T result = step.run();
    seconds.put(name, Math.round((System.nanoTime() - start) / 1e9));
    return result;
  }
}
