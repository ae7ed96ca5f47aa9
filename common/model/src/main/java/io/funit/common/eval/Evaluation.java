package io.funit.common.eval;

import io.funit.common.dataset.DatasetManifest;
import io.funit.common.dataset.sampler.KShotSampler;
import io.funit.common.eval.bank.ImageBank;
import io.funit.common.eval.bank.Progress;
import io.funit.common.eval.judges.Judge;
import io.funit.common.eval.judges.JudgeProvider;
import io.funit.common.eval.judges.Judges;
import io.funit.common.eval.protocol.Draws;
import io.funit.common.eval.protocol.FewShotClassification;
import io.funit.common.eval.protocol.Protocol;
import io.funit.common.eval.report.EvaluationReport;
import io.funit.common.models.ModelCard;
import io.funit.common.models.ServingModel;
import io.funit.common.worker.InvalidJobException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The evaluation engine's entry point, shared by the eval-worker and {@code ./funit eval}: the paper's protocol on a
 * dataset's held-out classes, at each K, for the model, the request's baseline models and the three simple
 * baselines, judged by classifiers trained on the dataset (see docs/evaluation.md).
 */
public final class Evaluation {
  private Evaluation() {}

  /**
   * Everything one evaluation reads.
   *
   * @param evaluationId the id the report carries (the job id)
   * @param request what to evaluate (K values, contents per class, metrics)
   * @param card the model's card
   * @param generator the model's EMA generator
   * @param dataset the dataset whose test split holds the held-out classes
   * @param images the dataset's images, preprocessed to the model's size
   * @param baselines the request's baseline models, loaded, in the request's order
   */
  public record Inputs(String evaluationId, EvalRequest request, ModelCard card, ServingModel generator,
      DatasetManifest dataset, KShotSampler images, List<Baseline> baselines) {
    public Inputs {
      baselines = baselines == null ? List.of() : List.copyOf(baselines);
    }

    /** Inputs without baseline models. */
    public Inputs(String evaluationId, EvalRequest request, ModelCard card, ServingModel generator,
        DatasetManifest dataset, KShotSampler images) {
      this(evaluationId, request, card, generator, dataset, images, List.of());
    }
  }

  /**
   * A baseline model of the request, loaded.
   *
   * @param entry the request's entry (row name, model id, K)
   * @param card the model's card
   * @param model the model, for inference
   */
  public record Baseline(BaselineModel entry, ModelCard card, ServingModel model) {
    Protocol.Method method() {
      return new Protocol.Method(entry.name(), model.translator(), entry.k());
    }

    EvaluationReport.BaselineModelInfo info() {
      return new EvaluationReport.BaselineModelInfo(entry.name(), card.id(), card.family(), card.preset(), entry.k(),
          card.iterations());
    }
  }

  /**
   * @param report the report
   * @param files report-relative file name → bytes (the sample grids named in {@code report.samples()})
   */
  public record Output(EvaluationReport report, Map<String, byte[]> files) {}

  /** {@link #run(Inputs, JudgeProvider, Progress, EvalOptions)} with the default limits. */
  public static Output run(Inputs inputs, JudgeProvider judges, Progress progress) {
    return run(inputs, judges, progress, EvalOptions.DEFAULT);
  }

  /**
   * Runs the evaluation. A request that cannot be evaluated (no held-out or training classes, an unknown metric,
   * K above a class's usable images) throws {@link InvalidJobException}.
   */
  public static Output run(Inputs inputs, JudgeProvider judges, Progress progress, EvalOptions options) {
    long started = System.nanoTime();
    DatasetManifest dataset = inputs.dataset();
    boolean fonts = DatasetManifest.KIND_FONTS.equals(dataset.kind());
    List<Integer> ks = List.copyOf(new TreeSet<>(inputs.request().k()));
    Set<String> wanted = wantedMetrics(inputs.request().metrics(), fonts);
    int heldOut = dataset.split(DatasetManifest.SPLIT_TEST).size();
    if (heldOut == 0 || dataset.split(DatasetManifest.SPLIT_TRAIN).isEmpty()) {
      throw new InvalidJobException("dataset " + dataset.id() + " needs training and held-out classes");
    }
    int size = inputs.generator().translator().imageSize();
    int contents = Math.max(1, Math.min(inputs.request().contents(), options.maxTranslationsPerK() / heldOut));
    boolean fixedSets = inputs.request().fixedShotSets();
    if (fonts) { // each character at most once per class; with fixed sets, none of the largest set's
      contents = Math.min(contents, dataset.contents().size() - (fixedSets ? ks.get(ks.size() - 1) : 0));
    }
    Phases phases = new Phases(progress, inputs.request().classification() != null);
    ImageBank bank = ImageBank.load(dataset, inputs.images(), size, options.maxImagesPerClass(), phases.loading());
    List<Draws.ClassDraws> plan = Draws.plan(dataset, bank, ks, contents, options.seed(), fixedSets);
    boolean judged = wanted.stream().anyMatch(MetricCatalog::needsJudges);
    try (Judges j = judged ? judges.judges(dataset, bank, phases.judges()) : null) {
      List<Protocol.Method> models = new ArrayList<>();
      models.add(new Protocol.Method(EvaluationReport.FUNIT, inputs.generator().translator(), null));
      inputs.baselines().forEach(b -> models.add(b.method()));
      Protocol.Result result = Protocol.run(models, dataset, bank, j, ks, plan, wanted, options.sampleColumns(),
          phases.protocol());
      EvaluationReport.Classification classification = classify(inputs, models, dataset, bank, judges, options,
          phases);
      Map<String, byte[]> files = new LinkedHashMap<>();
      List<String> samples = new ArrayList<>();
      for (int i = 0; i < ks.size(); i++) {
        String name = "samples-k" + ks.get(i) + ".png";
        files.put(name, result.grids().get(i));
        samples.add(name);
      }
      EvaluationReport report = new EvaluationReport(inputs.evaluationId(), inputs.card().id(), dataset.id(),
          dataset.name(), inputs.card().preset(), size, heldOut, contents, ks, options.seed(), Instant.now(),
          (System.nanoTime() - started) / 1e9, j == null ? List.of() : j.summaries(),
          MetricCatalog.ALL.stream().filter(m -> wanted.contains(m.key())).toList(), result.results(),
          result.groups(), samples,
          ReportNotes.of(dataset, inputs.request(), contents, result.fidDims()),
          inputs.baselines().stream().map(Baseline::info).toList(), classification);
      return new Output(report, files);
    } catch (IOException e) {
      throw new UncheckedIOException("judges of dataset " + dataset.id() + ": " + e.getMessage(), e);
    }
  }

  /** The requested keys (all when empty) that the dataset can have: ground truth only for glyph datasets. */
  static Set<String> wantedMetrics(List<String> requested, boolean fonts) {
    List<String> known = MetricCatalog.keys();
    Set<String> wanted = new LinkedHashSet<>(requested.isEmpty() ? known : requested);
    for (String key : wanted) {
      if (!known.contains(key)) {
        throw new InvalidJobException("unknown metric '" + key + "'; known: " + String.join(", ", known));
      }
    }
    if (!fonts) {
      wanted.removeIf(MetricCatalog::groundTruth);
    }
    if (wanted.isEmpty()) {
      throw new InvalidJobException("the requested metrics need ground truth, which only glyph datasets have");
    }
    return wanted;
  }

  /** One progress scale for the whole run: images 0–2 %, judges 2–40 %, translations and scores 40–100 %. */
  /**
   * Few-shot classification when the request asks for it: the evaluated model and the baseline models of every K
   * (a model of one K has no place at the classification's K), with the source-class judge's features.
   */
  private static EvaluationReport.Classification classify(Inputs inputs, List<Protocol.Method> models,
      DatasetManifest dataset, ImageBank bank, JudgeProvider judges, EvalOptions options, Phases phases)
      throws IOException {
    if (inputs.request().classification() == null) {
      return null;
    }
    try (Judge source = judges.sourceJudge(dataset, bank, phases.sourceJudge())) {
      return FewShotClassification.run(models.stream().filter(m -> m.k() == null).toList(), dataset, bank, source,
          inputs.request().classification(), options.seed(), phases.classification());
    }
  }

  /** Progress in thousandths: images, judges, translations and scores, then few-shot classification if asked. */
  private static final class Phases {
    private static final long TOTAL = 1000;
    private final Progress progress;
    private final boolean classification;

    Phases(Progress progress, boolean classification) {
      this.progress = progress;
      this.classification = classification;
    }

    Progress loading() {
      return range(0, 20);
    }

    Progress judges() {
      return range(20, classification ? 250 : 400);
    }

    Progress protocol() {
      return range(classification ? 250 : 400, classification ? 600 : TOTAL);
    }

    Progress sourceJudge() {
      return range(600, 750);
    }

    Progress classification() {
      return range(750, TOTAL);
    }

    private Progress range(long from, long to) {
      return (done, total, message) -> progress.step(from + (to - from) * Math.min(done, total)
          / Math.max(1, total), TOTAL, message);
    }
  }
}
