package io.funit.deploy.eval;

import io.funit.common.config.S3Settings;
import io.funit.common.config.Settings;
import io.funit.common.contract.InvalidRequestException;
import io.funit.common.eval.BaselineModel;
import io.funit.common.eval.ClassificationRequest;
import io.funit.common.eval.EvalRequest;
import io.funit.common.eval.Evaluation;
import io.funit.common.eval.EvaluationLoader;
import io.funit.common.eval.EvaluationOutputs;
import io.funit.common.eval.EvaluationSettings;
import io.funit.common.eval.bank.Progress;
import io.funit.common.eval.report.EvaluationReport;
import io.funit.common.json.Json;
import io.funit.common.models.ModelCard;
import io.funit.common.models.ModelRegistry;
import io.funit.common.storage.ObjectStore;
import io.funit.deploy.dataset.DatasetRebuild;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./funit eval --model ID --dataset ID}: the evaluation an eval job runs, in this process, against the object
 * store the FUNIT_S3_* settings name (by default the embedded stack's). Judges come from and go to the same store's
 * cache ({@code judges/{datasetId}/}), so the CLI and the workers train each judge once. Writes report.json,
 * report.html and the sample grids to {@code --out}; prints FUNIT against the baselines per K as JSON on stdout;
 * progress goes to stderr.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate a model on a dataset's held-out classes against baselines; writes an HTML report.")
public final class EvalCommand implements Callable<Integer> {
  @Option(names = "--model", description = "Model id. Default: the default model")
  String model;

  @Option(names = "--dataset", description = "Dataset id (needs held-out classes). Default: the model's dataset")
  String dataset;

  @Option(names = "--k", split = ",", description = "Shot counts. Default: 1,5,10,20")
  List<Integer> k;

  @Option(names = "--contents", defaultValue = "0", description = "Content images per class and K. Default: 100")
  int contents;

  @Option(names = "--metrics", split = ",", description = "Metric keys to compute. Default: all")
  List<String> metrics;

  private static final java.util.regex.Pattern BASELINE_OPTION =
      java.util.regex.Pattern.compile("([^=]+)=([^@]+)(?:@([0-9]+))?");

  @Option(names = "--baseline", paramLabel = "NAME=MODEL[@K]", description = "A registered model scored beside "
      + "--model on the same draws, under NAME (e.g. stargan_fair=ID, or stargan_unfair=ID@5 at K = 5 only); "
      + "repeatable")
  List<String> baselines;

  @Option(names = "--shot-sets", description = "per_draw: fresh class images for every content image (default); "
      + "fixed: one K-set per held-out class and K, the images an unfair dataset adds (StarGAN-Unfair-K)")
  String shotSets;

  @Option(names = "--classification", description = "Also few-shot classification of the held-out classes: K "
      + "real images per class (1, 2, 5) alone and with N generated ones (10, 50, 100)")
  boolean classification;

  @Option(names = "--out", description = "Report directory. Default: ./eval-<model>-<yyyyMMdd-HHmmss>/")
  Path out;

  @Option(names = "--cache", description = "Shard cache. Default: $FUNIT_CACHE_DIR/datasets")
  Path cache;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    System.out.println(Json.write(evaluate(Settings.fromEnvironment())));
    return 0;
  }

  /** Runs the evaluation with {@code settings} (the store, caches, judge budget) and returns the stdout summary. */
  public Map<String, Object> evaluate(Settings settings) throws Exception {
    ObjectStore store = new ObjectStore(S3Settings.from(settings));
    ModelRegistry registry = new ModelRegistry(store);
    String modelId = model != null ? model : registry.defaultModel()
        .orElseThrow(() -> new ParameterException(spec.commandLine(), "no default model; name one with --model"));
    ModelCard card = registry.card(modelId)
        .orElseThrow(() -> new ParameterException(spec.commandLine(), "no model '" + modelId + "'"));
    String datasetId = dataset != null ? dataset : card.dataset();
    if (datasetId.equals(card.dataset())) {
      DatasetRebuild.ensure(store, card); // the model's own dataset, built again where this store lacks it
    }
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    String evaluationId = "local-" + stamp;
    Path dir = out != null ? out : Path.of("eval-" + modelId + "-" + stamp);
    EvaluationSettings evaluation = EvaluationSettings.from(settings);
    if (cache != null) {
      evaluation = evaluation.withShardCache(cache);
    }
    Evaluation.Output output;
    try (EvaluationLoader.Loaded loaded = load(evaluation.loader(store), evaluationId, request(modelId, datasetId))) {
      output = Evaluation.run(loaded.inputs(), evaluation.judges(store), new StderrProgress());
    }
    EvaluationOutputs.write(dir, output);
    return summary(output.report(), dir);
  }

  /** The request a job would carry; a bad option is a usage error naming the request field. */
  private EvalRequest request(String modelId, String datasetId) {
    try {
      return new EvalRequest(modelId, datasetId, k, contents, metrics, baselineModels(), shotSets,
          classification ? new ClassificationRequest(null, null) : null);
    } catch (InvalidRequestException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** {@code --baseline NAME=MODEL[@K]} as the request's entries; the request checks names, ids and K. */
  List<BaselineModel> baselineModels() {
    List<BaselineModel> entries = new java.util.ArrayList<>();
    for (String option : baselines == null ? List.<String>of() : baselines) {
      java.util.regex.Matcher m = BASELINE_OPTION.matcher(option);
      if (!m.matches()) {
        throw new ParameterException(spec.commandLine(), "--baseline takes NAME=MODEL or NAME=MODEL@K, got '"
            + option + "'");
      }
      entries.add(new BaselineModel(m.group(1), m.group(2), m.group(3) == null ? null : Integer.valueOf(m.group(3))));
    }
    return entries;
  }

  /** Unknown ids and unfit datasets are usage errors, as at the gateway. */
  private EvaluationLoader.Loaded load(EvaluationLoader loader, String evaluationId, EvalRequest request)
      throws java.io.IOException {
    try {
      return loader.load(evaluationId, request);
    } catch (InvalidRequestException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /**
   * What stdout shows: where the report is, and per K every method's scores (FUNIT first, then the baselines), and
   * the same per style group of the held-out fonts when the report has groups.
   */
  static Map<String, Object> summary(EvaluationReport report, Path dir) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("model", report.model());
    summary.put("dataset", report.dataset());
    summary.put("held_out_classes", report.heldOutClasses());
    summary.put("report", dir.resolve(io.funit.common.eval.ReportFiles.REPORT_HTML).toAbsolutePath().toString());
    summary.put("seconds", report.seconds());
    summary.put("results", rows(report.results()));
    if (report.groups() != null && !report.groups().isEmpty()) {
      summary.put("groups", report.groups().stream().map(g -> {
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("group", g.group());
        group.put("classes", g.classes());
        group.put("results", rows(g.results()));
        return group;
      }).toList());
    }
    if (report.classification() != null) {
      summary.put("classification", report.classification().rows());
    }
    return summary;
  }

  private static List<Map<String, Object>> rows(List<EvaluationReport.KResult> results) {
    return results.stream().map(r -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("k", r.k());
      r.methods().forEach(m -> row.put(m.method(), m.scores()));
      return row;
    }).toList();
  }

  /** Progress on stderr, at most about once a second, so a long evaluation shows it is alive without flooding. */
  private static final class StderrProgress implements Progress {
    private long lastNanos;

    @Override
    public void step(long done, long total, String message) {
      long now = System.nanoTime();
      if (done >= total || now - lastNanos > 1_000_000_000L) {
        lastNanos = now;
        System.err.printf("[%d/%d] %s%n", done, total, message == null ? "" : message);
      }
    }
  }
}
