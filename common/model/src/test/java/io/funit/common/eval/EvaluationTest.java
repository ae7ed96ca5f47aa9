package io.funit.common.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funit.common.dataset.DatasetManifest;
import io.funit.common.dataset.sampler.KShotSampler;
import io.funit.common.eval.bank.ImageBank;
import io.funit.common.eval.judges.JudgeBudget;
import io.funit.common.eval.judges.JudgeProvider;
import io.funit.common.eval.judges.LocalJudges;
import io.funit.common.eval.protocol.Draws;
import io.funit.common.eval.report.EvaluationReport;
import io.funit.common.eval.report.EvaluationReport.MethodScores;
import io.funit.common.funit.config.DiscriminatorConfig;
import io.funit.common.funit.config.FunitConfig;
import io.funit.common.funit.config.GeneratorConfig;
import io.funit.common.funit.config.LossConfig;
import io.funit.common.funit.config.OptimizerConfig;
import io.funit.common.funit.model.FunitNetworks;
import io.funit.common.models.GeneratorWeights;
import io.funit.common.models.ModelCard;
import io.funit.common.models.ServingGenerator;
import io.funit.common.models.ServingModel;
import io.funit.common.stargan.config.AdamConfig;
import io.funit.common.stargan.config.StarGanConfig;
import io.funit.common.stargan.config.StarGanDiscriminatorConfig;
import io.funit.common.stargan.config.StarGanGeneratorConfig;
import io.funit.common.stargan.config.StarGanLossConfig;
import io.funit.common.stargan.model.StarGanNetworks;
import io.funit.common.stargan.serving.StarGanModelFile;
import io.funit.common.worker.InvalidJobException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evaluation.run end to end on a tiny real glyph dataset with a small random generator. */
class EvaluationTest {
  private static final int SIZE = 32;
  private static final JudgeBudget FAST = new JudgeBudget(6, 3, 32, 2e-3, 0.75, 1);
  @TempDir
  static Path dir;
  static DatasetManifest dataset;
  static Path generatorFile;

  @BeforeAll
  static void dataAndModel() throws Exception {
    dataset = GlyphDatasets.write(dir.resolve("ds"), 6, 2, "ABCDEFGHabcdefgh", SIZE);
    FunitConfig config = new FunitConfig("tiny", SIZE, 2, new GeneratorConfig(8, 1, 16, 8, 2, 2, 3),
        new DiscriminatorConfig(8, 2, 4, true), OptimizerConfig.OFFICIAL, OptimizerConfig.OFFICIAL,
        LossConfig.OFFICIAL, 0.999, 0, 10);
    generatorFile = dir.resolve("generator.safetensors");
    try (FunitNetworks nets = FunitNetworks.create(config, 3)) {
      GeneratorWeights.save(nets, generatorFile);
    }
  }

  private static Evaluation.Output run(List<Integer> k, List<String> metrics, Path judges, List<String> messages)
      throws Exception {
    KShotSampler images = GlyphDatasets.sampler(dir.resolve("ds"), SIZE);
    ModelCard card = new ModelCard("m1", "m1", dataset.id(), dataset.name(), "tiny", SIZE, null, 10, List.of(),
        List.of(), Map.of(), List.of(), "models/m1/generator.safetensors", null, "gray", ModelCard.FUNIT, null);
    try (ServingGenerator generator = GeneratorWeights.loadForServing(generatorFile)) {
      return Evaluation.run(new Evaluation.Inputs("e1", new EvalRequest("m1", dataset.id(), k, 5, metrics), card,
          generator, dataset, images), new LocalJudges(judges, FAST), (done, total, message) -> {
            assertThat(done).isBetween(0L, total);
            messages.add(message);
          });
    }
  }

  @Test
  void aReportHasEveryMethodAndEveryKeyAtEveryKAndASampleGridPerK() throws Exception {
    List<String> messages = new ArrayList<>();
    Evaluation.Output output = run(List.of(3, 1), List.of(), dir.resolve("judges-a"), messages);
    EvaluationReport report = output.report();
    assertThat(report.k()).containsExactly(1, 3);
    assertThat(report.heldOutClasses()).isEqualTo(2);
    assertThat(report.contentsPerClass()).isEqualTo(5);
    assertThat(report.judges()).extracting(EvaluationReport.JudgeSummary::name)
        .containsExactly("style_all", "style_heldout", "content");
    assertThat(report.metrics()).hasSize(11);
    assertThat(report.results()).hasSize(2);
    for (EvaluationReport.KResult result : report.results()) {
      assertThat(result.methods()).extracting(MethodScores::method).containsExactlyElementsOf(EvaluationReport.METHODS);
      for (MethodScores method : result.methods()) {
        assertThat(method.scores()).containsOnlyKeys(report.metrics().stream().map(EvaluationReport.MetricInfo::key)
            .toList());
        assertThat(method.scores().values()).allSatisfy(v -> assertThat(v).isFinite());
      }
      MethodScores copy = result.methods().get(1);
      assertThat(copy.scores().get(EvaluationReport.CONTENT_DISTANCE)).as("copy_content keeps its content")
          .isEqualTo(0.0);
      for (MethodScores method : result.methods()) {
        assertThat(method.scores().get(EvaluationReport.GT_FEATURE_DISTANCE)).as(method.method()).isBetween(0.0, 2.0);
      }
      assertThat(copy.scores().get(EvaluationReport.GT_FEATURE_DISTANCE)).as("a training font's glyph is not the "
          + "held-out font's to the judge").isPositive();
    }
    assertThat(report.samples()).containsExactly("samples-k1.png", "samples-k3.png");
    assertThat(output.files().keySet()).containsExactlyElementsOf(report.samples());
    assertThat(output.files().get("samples-k3.png")).startsWith(0x89, 'P', 'N', 'G');
    assertThat(report.notes()).isNotEmpty();
    assertThat(messages).anyMatch(m -> m.startsWith("training judge"));
    assertThat(Files.exists(dir.resolve("judges-a").resolve(dataset.id()).resolve("v1-32px.json"))).isTrue();

    List<String> again = new ArrayList<>();
    EvaluationReport second = run(List.of(1, 3), List.of(), dir.resolve("judges-a"), again).report();
    assertThat(again).as("stored judges are loaded, not trained again").noneMatch(m -> m.startsWith("training"));
    assertThat(second.judges()).isEqualTo(report.judges());
    assertThat(second.results()).as("same draws, same judges, same scores").isEqualTo(report.results());
  }

  @Test
  void heldOutFontsAreAlsoScoredPerStyleGroup() throws Exception {
    EvaluationReport report = run(List.of(2), List.of(EvaluationReport.GT_L1, EvaluationReport.GT_SSIM),
        dir.resolve("judges-g"), new ArrayList<>()).report();

    // held out: faces 4 (sans regular) and 5 (monospaced bold), one font per group, in StyleGroups.ALL order
    assertThat(report.groups()).extracting(EvaluationReport.GroupResult::group)
        .containsExactly("sans", "monospace", "bold");
    assertThat(report.groups()).allSatisfy(g -> assertThat(g.classes()).isEqualTo(1));
    for (String method : EvaluationReport.METHODS) {
      double sans = groupScore(report, "sans", method);
      double mono = groupScore(report, "monospace", method);
      assertThat(groupScore(report, "bold", method)).isEqualTo(mono);
      double all = report.results().get(0).methods().stream().filter(m -> m.method().equals(method)).findFirst()
          .orElseThrow().scores().get(EvaluationReport.GT_L1);
      assertThat(all).as("two fonts with as many draws: the mean of the groups'").isCloseTo((sans + mono) / 2,
          org.assertj.core.data.Offset.offset(1e-9));
    }
    assertThat(groupScore(report, "sans", EvaluationReport.COPY_CONTENT))
        .isNotEqualTo(groupScore(report, "monospace", EvaluationReport.COPY_CONTENT));
  }

  private static double groupScore(EvaluationReport report, String group, String method) {
    return report.groups().stream().filter(g -> g.group().equals(group)).findFirst().orElseThrow().results().get(0)
        .methods().stream().filter(m -> m.method().equals(method)).findFirst().orElseThrow().scores()
        .get(EvaluationReport.GT_L1);
  }

  @Test
  void groundTruthMetricsAloneNeedNoJudges() throws Exception {
    List<String> messages = new ArrayList<>();
    EvaluationReport report = run(List.of(2), List.of(EvaluationReport.GT_L1, EvaluationReport.GT_SSIM),
        dir.resolve("judges-b"), messages).report();
    assertThat(report.judges()).isEmpty();
    assertThat(report.results().get(0).methods()).allSatisfy(m -> assertThat(m.scores()).containsOnlyKeys(
        EvaluationReport.GT_L1, EvaluationReport.GT_SSIM));
    assertThat(messages).noneMatch(m -> m.startsWith("training"));
  }

  @Test
  void unknownMetricsAndTooLargeKAreInvalidJobs() {
    assertThatThrownBy(() -> run(List.of(1), List.of("fid_inception"), dir.resolve("judges-c"), new ArrayList<>()))
        .isInstanceOf(InvalidJobException.class).hasMessageContaining("unknown metric");
    assertThatThrownBy(() -> run(List.of(16), List.of(EvaluationReport.GT_L1), dir.resolve("judges-c"),
        new ArrayList<>())).isInstanceOf(InvalidJobException.class).hasMessageContaining("K = 16");
  }

  @Test
  void baselineModelsAreScoredOnTheSameDrawsAtTheirK() throws Exception {
    Path starganFile = dir.resolve("stargan.safetensors");
    StarGanConfig tiny = new StarGanConfig("stargan-32", SIZE, 4, 4, new StarGanGeneratorConfig(8, 1, 1),
        new StarGanDiscriminatorConfig(8, 3), AdamConfig.STARGAN, AdamConfig.STARGAN, StarGanLossConfig.PAPER, 1, 10);
    try (StarGanNetworks nets = StarGanNetworks.create(tiny, 5)) {
      StarGanModelFile.save(nets, false, starganFile);
    }
    KShotSampler images = GlyphDatasets.sampler(dir.resolve("ds"), SIZE);
    ModelCard card = card("m1", ModelCard.FUNIT, "tiny");
    List<BaselineModel> entries = List.of(new BaselineModel("funit_again", "m1", null),
        new BaselineModel("stargan_fair", "s1", 1));
    EvalRequest request = new EvalRequest("m1", dataset.id(), List.of(1, 3), 5,
        List.of(EvaluationReport.GT_L1, EvaluationReport.GT_SSIM), entries, null, null);
    Evaluation.Output output;
    try (ServingGenerator generator = GeneratorWeights.loadForServing(generatorFile);
        ServingGenerator again = GeneratorWeights.loadForServing(generatorFile);
        ServingModel stargan = StarGanModelFile.load(starganFile)) {
      output = Evaluation.run(new Evaluation.Inputs("e2", request, card, generator, dataset, images, List.of(
          new Evaluation.Baseline(entries.get(0), card, again),
          new Evaluation.Baseline(entries.get(1), card("s1", ModelCard.STARGAN, "stargan-32"), stargan))),
          JudgeProvider.untrained(FAST), (done, total, message) -> { });
    }
    EvaluationReport report = output.report();

    assertThat(report.results().get(0).methods()).extracting(MethodScores::method).containsExactly("funit",
        "funit_again", "stargan_fair", "copy_content", "class_mean", "styling_only");
    assertThat(report.results().get(1).methods()).as("stargan_fair is scored at K = 1 only")
        .extracting(MethodScores::method)
        .containsExactly("funit", "funit_again", "copy_content", "class_mean", "styling_only");
    for (EvaluationReport.KResult result : report.results()) {
      assertThat(scores(result, "funit_again")).as("the same model on the same draws at K = " + result.k())
          .isEqualTo(scores(result, "funit"));
    }
    assertThat(scores(report.results().get(0), "stargan_fair").get(EvaluationReport.GT_L1)).isFinite()
        .isNotEqualTo(scores(report.results().get(0), "funit").get(EvaluationReport.GT_L1));
    assertThat(report.groups()).allSatisfy(g -> assertThat(g.results().get(0).methods()).extracting(
        MethodScores::method).contains("stargan_fair"));
    assertThat(report.baselineModels()).extracting(EvaluationReport.BaselineModelInfo::name,
        EvaluationReport.BaselineModelInfo::family, EvaluationReport.BaselineModelInfo::k).containsExactly(
        org.assertj.core.groups.Tuple.tuple("funit_again", ModelCard.FUNIT, null),
        org.assertj.core.groups.Tuple.tuple("stargan_fair", ModelCard.STARGAN, 1));
    java.awt.image.BufferedImage k1 = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
        output.files().get("samples-k1.png")));
    java.awt.image.BufferedImage k3 = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
        output.files().get("samples-k3.png")));
    // rows at K = 1: content, 1 class image, 3 models, 2 simple baselines, truth; at K = 3: 3 class images, 2 models
    int cell = (k3.getHeight() - 4) / 9;
    assertThat(k1.getHeight()).isEqualTo(8 * cell + 4);
    assertThat(report.notes()).anyMatch(n -> n.startsWith("Baseline models: funit_again = m1, stargan_fair = s1 at K"
        + " = 1."));
  }

  private static ModelCard card(String id, String family, String preset) {
    return new ModelCard(id, id, dataset.id(), dataset.name(), preset, SIZE, null, 10, List.of(), List.of(), Map.of(),
        List.of(), "models/" + id + "/generator.safetensors", null, "gray", family, null);
  }

  private static Map<String, Double> scores(EvaluationReport.KResult result, String method) {
    return result.methods().stream().filter(m -> m.method().equals(method)).findFirst().orElseThrow().scores();
  }

  @Test
  void fixedShotSetsGiveEveryDrawOfAClassItsOneNestedSetAndContentCharactersOutsideIt() {
    KShotSampler images = GlyphDatasets.sampler(dir.resolve("ds"), SIZE);
    ImageBank bank = ImageBank.load(dataset, images, SIZE, 200, (done, total, message) -> { });
    List<Integer> ks = List.of(1, 3);

    List<Draws.ClassDraws> plan = Draws.plan(dataset, bank, ks, 13, 1, true);

    for (Draws.ClassDraws c : plan) {
      int[] three = java.util.Arrays.stream(ShotSets.of(c.target(), 1, 3))
          .map(i -> bank.id(c.target().index(), i)).toArray();
      java.util.Set<Integer> contents = new java.util.HashSet<>();
      for (Draws.Draw draw : c.draws()) {
        assertThat(draw.shots()[1]).containsExactly(three);
        assertThat(draw.shots()[0]).containsExactly(three[0]);
        assertThat(three).doesNotContain(draw.truthId());
        contents.add(draw.character());
      }
      assertThat(contents).hasSize(13); // 16 characters, 3 in the set: every other one once
    }
    assertThatThrownBy(() -> Draws.plan(dataset, bank, List.of(1, 16), 1, 1, true))
        .isInstanceOf(InvalidJobException.class).hasMessageContaining("K = 16");
    // the per-draw protocol is unchanged by the option's existence: fresh class images per content image
    Draws.ClassDraws perDraw = Draws.plan(dataset, bank, ks, 13, 1, false).get(0);
    assertThat(perDraw.draws().stream().map(d -> java.util.Arrays.toString(d.shots()[1])).distinct().count())
        .isGreaterThan(1);
  }

  @Test
  void fewShotClassificationScoresTheRealImagesAloneThenEachModelsGeneratedImagesOnTheSameDraws() throws Exception {
    KShotSampler images = GlyphDatasets.sampler(dir.resolve("ds"), SIZE);
    ModelCard card = card("m1", ModelCard.FUNIT, "tiny");
    List<BaselineModel> again = List.of(new BaselineModel("funit_again", "m1", null));
    EvalRequest request = new EvalRequest("m1", dataset.id(), List.of(1), 2, List.of(EvaluationReport.GT_L1),
        again, null, new ClassificationRequest(List.of(2, 1), List.of(3, 1)));
    Path judges = dir.resolve("judges-classification");
    Evaluation.Output output;
    try (ServingGenerator generator = GeneratorWeights.loadForServing(generatorFile);
        ServingGenerator second = GeneratorWeights.loadForServing(generatorFile)) {
      output = Evaluation.run(new Evaluation.Inputs("e3", request, card, generator, dataset, images,
          List.of(new Evaluation.Baseline(again.get(0), card, second))), new LocalJudges(judges, FAST),
          (done, total, message) -> assertThat(done).isBetween(0L, total));
    }

    EvaluationReport.Classification c = output.report().classification();
    assertThat(c.judge().name()).isEqualTo("style_source");
    assertThat(c.judge().classes()).isEqualTo(4); // the training fonts only
    assertThat(c.k()).containsExactly(1, 2);
    assertThat(c.generated()).containsExactly(1, 3);
    assertThat(c.classes()).isEqualTo(2);
    assertThat(c.testImages()).isEqualTo(2 * (16 - 2)); // every glyph outside the largest K-set
    assertThat(c.rows()).extracting(r -> r.method() + "@" + r.k() + "+" + r.generated()).containsExactly(
        "real_only@1+0", "real_only@2+0", "funit@1+1", "funit@1+3", "funit@2+1", "funit@2+3",
        "funit_again@1+1", "funit_again@1+3", "funit_again@2+1", "funit_again@2+3");
    for (EvaluationReport.ClassificationRow row : c.rows()) {
      assertThat(row.accuracy()).isBetween(0.0, 1.0);
      if (row.generated() > 0) {
        double real = c.rows().get(row.k() - 1).accuracy();
        assertThat(row.gain()).isCloseTo(row.accuracy() - real, org.assertj.core.data.Offset.offset(1e-12));
      }
    }
    // the same model again translated the same contents with the same K images: the same classifier
    for (int i = 2; i < 6; i++) {
      assertThat(c.rows().get(i + 4).accuracy()).isEqualTo(c.rows().get(i).accuracy());
    }
    assertThat(judges.resolve(dataset.id()).resolve("v1-32px-style_source.json")).exists();
  }
}
