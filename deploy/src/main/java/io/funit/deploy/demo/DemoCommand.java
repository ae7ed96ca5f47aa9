package io.funit.deploy.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.config.S3Settings;
import io.funit.common.eval.HeldOutGlyphL1;
import io.funit.common.funit.config.FunitConfig;
import io.funit.common.funit.config.Presets;
import io.funit.common.json.Json;
import io.funit.common.models.ModelCard;
import io.funit.common.models.ModelRegistry;
import io.funit.common.storage.ObjectStore;
import io.funit.deploy.dataset.DatasetRebuild;
import io.funit.deploy.model.HeldOutEvaluation;
import io.funit.deploy.up.EmbeddedStack;
import io.funit.deploy.up.Installation;
import io.funit.deploy.up.StackLayout;
import io.funit.deploy.up.WorkerCounts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./funit demo}: starts the embedded stack, builds the starter300 font dataset, trains the fastest CPU
 * preset for a bounded time through the product's own training job, registers the model as the default, measures
 * its held-out glyph L1 against two baselines, and prints where to see the samples. Then it keeps the stack up.
 * {@code --paper} runs the paper's experiments instead ({@link PaperRun}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Build a font dataset, train a model for a bounded time, make it the default, and evaluate it.")
public final class DemoCommand implements Callable<Integer> {
  private static final Duration POLL = Duration.ofSeconds(2);

  @Option(names = "--data", defaultValue = "${sys:funit.home:-.}/funit-data",
      description = "Data directory. Default: ${DEFAULT-VALUE}")
  Path data;

  @Option(names = "--port", defaultValue = "8080", description = "Gateway port. Default: ${DEFAULT-VALUE}")
  int port;

  @Option(names = "--minutes", defaultValue = "30", description = "Training time budget. Default: ${DEFAULT-VALUE}")
  double minutes;

  @Option(names = "--preset", defaultValue = "font-32", description = "Model preset. Default: ${DEFAULT-VALUE}")
  String preset;

  @Option(names = "--fonts", defaultValue = "starter300", description = "Font preset. Default: ${DEFAULT-VALUE}")
  String fonts;

  @Option(names = "--eval-fonts", defaultValue = "" + HeldOutGlyphL1.FONTS,
      description = "Held-out fonts evaluated. Default: ${DEFAULT-VALUE}")
  int evalFonts;

  @Option(names = "--validate-every", defaultValue = "500",
      description = "Iterations between held-out validations during the training. Default: ${DEFAULT-VALUE}")
  long validateEvery;

  @Option(names = "--lr-cooldown", defaultValue = "0", description = "Share of the time budget over which the "
      + "learning rates fall linearly to zero (0: constant, as the official FUNIT). Default: ${DEFAULT-VALUE}")
  double lrCooldown;

  @Option(names = "--exit", description = "Stop the stack when done instead of keeping it up")
  boolean exit;

  @Option(names = "--override", description = "A training override, e.g. --override lr_gen=2e-4 (repeatable)")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(names = "--paper", description = "The FUNIT paper's experiments instead: StarGAN-Fair and one "
      + "StarGAN-Unfair per K trained beside a FUNIT model, then one evaluation with Table 1 at every K and few-shot "
      + "classification (docs/stargan.md); prints its time budget first")
  boolean paper;

  @Option(names = "--paper-model", description = "With --paper: the FUNIT model (its dataset is used). Default: the "
      + "default model; none: train one for --minutes on --fonts")
  String paperModel;

  @Option(names = "--stargan-minutes", defaultValue = "40",
      description = "With --paper: StarGAN-Fair's training budget. Default: ${DEFAULT-VALUE}")
  double starganMinutes;

  @Option(names = "--fair-model", description = "With --paper: an existing StarGAN-Fair model of the FUNIT model's "
      + "dataset instead of training one (a run that stopped after it goes on from there)")
  String fairModel;

  @Option(names = "--unfair-minutes", defaultValue = "20",
      description = "With --paper: each StarGAN-Unfair's training budget. Default: ${DEFAULT-VALUE}")
  double unfairMinutes;

  @Option(names = "--paper-k", split = ",", defaultValue = "1,5,10,20",
      description = "With --paper: the K values (one Unfair model each). Default: ${DEFAULT-VALUE}")
  List<Integer> paperK;

  @Override
  public Integer call() throws Exception {
    FunitConfig config = Presets.get(preset);
    StackLayout layout = new StackLayout(data.toAbsolutePath().normalize(), port, 9092, 9093, 9000,
        WorkerCounts.parse("translate=1,train=1,eval=1"), 120);
    // the demo times its training: no dataset built beside it in the background
    try (EmbeddedStack stack = EmbeddedStack.start(layout, Installation.locate(),
        Map.of(EmbeddedStack.REBUILD_DATASET, "false"))) {
      GatewayClient api = new GatewayClient(stack.gatewayUrl(), stack.apiKey());
      ObjectStore store = new ObjectStore(S3Settings.from(stack.settings()));
      if (paper) {
        paper(api, store, config);
        keepUp(stack);
        return 0;
      }

      long start = System.nanoTime();
      String dataset = buildDataset(api, config.imageSize());
      double datasetSeconds = (System.nanoTime() - start) / 1e9;
      say("dataset %s built in %.0f s", dataset, datasetSeconds);

      long trainStart = System.nanoTime();
      JsonNode training = train(api, dataset);
      double trainingSeconds = (System.nanoTime() - trainStart) / 1e9;
      String model = training.path("model").asText();
      new ModelRegistry(store).setDefault(model);
      say("model %s registered as the default after %d iterations (%.1f min)", model,
          training.path("iteration").asLong(), trainingSeconds / 60);

      HeldOutGlyphL1.Result l1 = evaluate(store, model);
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("dataset", dataset);
      summary.put("dataset_seconds", Math.round(datasetSeconds));
      summary.put("preset", preset);
      summary.put("model", model);
      summary.put("iterations", training.path("iteration").asLong());
      summary.put("training_minutes", Math.round(trainingSeconds / 6) / 10.0);
      summary.put("seconds_per_iteration", training.path("seconds_per_iteration").asDouble());
      summary.put("held_out_l1", l1);
      summary.put("samples", api.url("/v1/trainings/" + model + "/samples"));
      System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(summary));
      say("held-out L1 at K=%d on %d fonts: model %.4f, copy content %.4f, class mean %.4f (lower is better)",
          l1.k(), l1.fonts(), l1.model(), l1.copyContent(), l1.classMean());
      say("follows the fonts' stroke weight with r = %.2f and their slant with r = %.2f (1: fully; the class mean "
          + "reaches %.2f and %.2f)", l1.style().weight().model().r(), l1.style().slant().model().r(),
          l1.style().weight().classMean().r(), l1.style().slant().classMean().r());
      say("samples: %s (grids iter-*-test.png show held-out fonts; API key in %s)",
          api.url("/v1/trainings/" + model + "/samples"), layout.apiKeyFile());
      keepUp(stack);
    }
    return 0;
  }

  private void keepUp(EmbeddedStack stack) throws InterruptedException {
    if (!exit) {
      say("the stack stays up; Ctrl-C stops it");
      stack.awaitShutdown();
    }
  }

  /**
   * {@code --paper}: the default (or named) FUNIT model on its own dataset, built again from its recipe when this
   * store lacks it, or a FUNIT model trained here first; then {@link PaperRun}.
   */
  private void paper(GatewayClient api, ObjectStore store, FunitConfig config) throws Exception {
    ModelRegistry registry = new ModelRegistry(store);
    String model = paperModel != null ? (paperModel.equals("none") ? null : paperModel)
        : registry.defaultModel().orElse(null);
    String dataset;
    int size;
    if (model != null) {
      ModelCard card = registry.card(model).orElseThrow(() -> new IllegalArgumentException("no model " + model));
      dataset = DatasetRebuild.ensure(store, card).id();
      size = card.imageSize();
    } else {
      dataset = buildDataset(api, config.imageSize());
      size = config.imageSize();
    }
    Map<String, Object> funit = new LinkedHashMap<>();
    funit.put("preset", preset);
    funit.put("overrides", chosenOverrides());
    funit.put("validate_every", validateEvery);
    Map<String, Object> stargan = new LinkedHashMap<>();
    stargan.put("preset", "stargan-" + size);
    stargan.put("overrides", Map.of("iterations", 10_000_000));
    PaperRun.Plan plan = new PaperRun.Plan(dataset, model, funit, Duration.ofSeconds(Math.round(minutes * 60)),
        stargan, fairModel, Duration.ofSeconds(Math.round(starganMinutes * 60)),
        Duration.ofSeconds(Math.round(unfairMinutes * 60)), paperK, Map.of(), Duration.ofHours(12));
    PaperRun.Result result = new PaperRun(api, line -> say("%s", line)).run(plan);
    System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    say("report: %s", result.reportUrl());
  }

  private String buildDataset(GatewayClient api, int size) throws Exception {
    JsonNode job = api.post("/v1/datasets", Map.of("kind", "fonts", "preset", fonts, "size", size), 202);
    String id = job.path("id").asText();
    JsonNode done = api.awaitEnd("/v1/datasets/" + id, Duration.ofMinutes(15), POLL, null);
    if (!"succeeded".equals(done.path("status").asText())) {
      throw new IllegalStateException("the dataset job ended " + done.path("status").asText() + ": "
          + done.path("error"));
    }
    return id;
  }

  private JsonNode train(GatewayClient api, String dataset) throws Exception {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("dataset", dataset);
    request.put("preset", preset);
    request.put("overrides", chosenOverrides());
    request.put("max_seconds", Math.round(minutes * 60));
    request.put("checkpoint_every", 500);
    request.put("sample_every", 500);
    request.put("validate_every", validateEvery);
    request.put("lr_cooldown", lrCooldown);
    request.put("progress_every", 20);
    String id = api.post("/v1/trainings", request, 202).path("id").asText();
    say("training %s started (%s, %.0f min budget)", id, preset, minutes);
    JsonNode done = api.awaitEnd("/v1/trainings/" + id, Duration.ofMinutes((long) (minutes * 2 + 10)), POLL,
        this::report);
    if (!"succeeded".equals(done.path("status").asText())) {
      throw new IllegalStateException("the training ended " + done.path("status").asText() + ": " + done.path("error"));
    }
    return done;
  }

  /** The --override values over an iteration count that only the time budget ends. */
  private Map<String, Object> chosenOverrides() {
    Map<String, Object> chosen = new LinkedHashMap<>();
    chosen.put("iterations", 10_000_000);
    overrides.forEach((key, value) -> chosen.put(key, value.matches("-?\\d+") ? (Object) Long.parseLong(value)
        : (Object) Double.parseDouble(value)));
    return chosen;
  }

  private long lastReport;

  private void report(JsonNode training) {
    if (System.nanoTime() - lastReport < Duration.ofSeconds(60).toNanos()) {
      return;
    }
    lastReport = System.nanoTime();
    JsonNode losses = training.path("losses");
    JsonNode validation = training.path("validation");
    say("iteration %d, %.2f s/iteration, recon L1 %.4f, D acc %.2f, G acc %.2f%s", training.path("iteration").asLong(),
        training.path("seconds_per_iteration").asDouble(), losses.path("loss_gen_recon_x").asDouble(),
        losses.path("accuracy_dis_adv").asDouble(), losses.path("accuracy_gen_adv").asDouble(),
        validation.isMissingNode() ? "" : String.format(", held-out L1 %.4f (EMA) %.4f (trained G)",
            validation.path("held_out_l1_ema").asDouble(), validation.path("held_out_l1_gen").asDouble()));
  }

  private HeldOutGlyphL1.Result evaluate(ObjectStore store, String model) throws Exception {
    return HeldOutEvaluation.run(store, model, data.toAbsolutePath().resolve("cache").resolve("datasets"), evalFonts,
        5);
  }

  private static void say(String format, Object... args) {
    System.err.printf("demo: " + format + "%n", args);
  }
}
