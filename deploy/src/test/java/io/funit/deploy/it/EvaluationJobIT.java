package io.funit.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.config.Settings;
import io.funit.common.eval.EvalJob;
import io.funit.common.eval.report.EvaluationReport;
import io.funit.common.json.Json;
import io.funit.common.models.ModelCard;
import io.funit.common.models.ModelRegistry;
import io.funit.common.stargan.config.AdamConfig;
import io.funit.common.stargan.config.StarGanConfig;
import io.funit.common.stargan.config.StarGanDiscriminatorConfig;
import io.funit.common.stargan.config.StarGanGeneratorConfig;
import io.funit.common.stargan.config.StarGanLossConfig;
import io.funit.common.stargan.model.StarGanNetworks;
import io.funit.common.stargan.serving.StarGanModelFile;
import io.funit.common.testing.Infra;
import io.funit.common.testing.InfraExtension;
import io.funit.common.testing.TopicReader;
import io.funit.common.worker.WorkerRuntime;
import io.funit.common.worker.WorkerSettings;
import io.funit.deploy.eval.EvalCommand;
import io.funit.deploy.up.ShippedModel;
import io.funit.worker.eval.EvalJobHandler;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Evaluations end to end: the real gateway, Kafka, S3 and an eval worker in this JVM, evaluating the shipped font
 * model on a small stored image dataset at K 1 and 2. Checks the report (JSON, the HTML page, sample grids) as a
 * client reads it, that {@code ./funit eval} writes the same report locally, and that bad requests are refused with
 * the field at fault before anything is queued.
 */
@ExtendWith(InfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvaluationJobIT {
  private static final Path SHIPPED = Path.of("..", "models", "default");
  private static final Duration TIMEOUT = Duration.ofSeconds(100);
  private TestStack stack;
  private String model;
  private String dataset;
  private String trainOnly;
  private String stargan;
  private String stargan16;
  private Settings local;

  @BeforeAll
  void start(Infra infra, @TempDir Path dir) throws Exception {
    // judges of the 6-class dataset train in seconds; the budget only caps a slow machine
    stack = new TestStack(infra, Map.of("FUNIT_EVAL_JUDGE_SECONDS", "20"));
    ModelCard card = ShippedModel.register(stack.store, SHIPPED);
    model = card.id();
    dataset = TrainingDatasets.publishSmall(stack.store, dir.resolve("dataset"));
    trainOnly = TrainingDatasets.publish(stack.store, dir.resolve("train-only"), 0);
    stargan = registerStarGan(card, 32, dir.resolve("stargan-32.safetensors")).id();
    stargan16 = registerStarGan(card, 16, dir.resolve("stargan-16.safetensors")).id();
    stack.startGateway();
    local = stack.settings.with(Map.of("FUNIT_CACHE_DIR", dir.resolve("cache").toString(),
        "FUNIT_WORK_DIR", dir.resolve("work").toString()));
    stack.track(WorkerRuntime.start(stack.kafka, WorkerSettings.from(local).withWorkerId("eval-worker"),
        List.of(EvalJobHandler.fromSettings(stack.store, local))));
  }

  @AfterAll
  void stop() throws Exception {
    stack.close();
  }

  @Test
  void anEvaluationStoresAReportWithEveryMethodAtEveryKAndServesItsPage() throws Exception {
    TestStack.Response submitted = stack.post("/v1/evaluations", "{\"model\":\"" + model + "\",\"dataset\":\""
        + dataset + "\",\"k\":[1,2],\"contents\":3}");
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
    String id = submitted.json().path("id").asText();
    assertThat(stack.get("/v1/evaluations/" + id + "/report").status()).as("no report before the end").isEqualTo(409);

    JsonNode done = awaitEvaluation(id);
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
    assertThat(done.path("funit")).hasSize(2);
    assertThat(done.path("funit").get(0).path("k").asInt()).isEqualTo(1);
    assertThat(done.path("links").path("report").asText()).isEqualTo("/v1/evaluations/" + id + "/report");

    TestStack.Response json = stack.get("/v1/evaluations/" + id + "/report.json");
    assertThat(json.status()).isEqualTo(200);
    EvaluationReport report = Json.MAPPER.readValue(json.body(), EvaluationReport.class);
    assertThat(report.evaluation()).isEqualTo(id);
    assertThat(report.k()).containsExactly(1, 2);
    assertThat(report.results()).extracting(EvaluationReport.KResult::k).containsExactly(1, 2);
    for (EvaluationReport.KResult result : report.results()) {
      assertThat(result.methods()).extracting(EvaluationReport.MethodScores::method)
          .containsExactlyInAnyOrderElementsOf(EvaluationReport.METHODS);
      assertThat(result.methods()).allSatisfy(m -> assertThat(m.scores()).isNotEmpty());
    }

    TestStack.Response html = stack.get("/v1/evaluations/" + id + "/report");
    assertThat(html.status()).isEqualTo(200);
    assertThat(html.contentType()).startsWith("text/html");
    assertThat(html.body()).startsWith("<!DOCTYPE html>").contains("<table class=\"scores\"", "<svg", id);

    for (JsonNode file : done.path("links").path("files")) {
      HttpResponse<byte[]> grid = stack.getBytes(file.path("url").asText());
      assertThat(grid.statusCode()).isEqualTo(200);
      assertThat(ImageIO.read(new ByteArrayInputStream(grid.body()))).as(file.path("name").asText()).isNotNull();
    }
    assertThat(stack.get("/v1/evaluations/" + id + "/files/..%2Fmodels%2Fdefault.json").status()).isEqualTo(404);
    assertThat(stack.get("/v1/evaluations").json().path("items").findValuesAsText("id")).contains(id);
    assertThat(stack.post("/v1/evaluations/" + id + "/cancel", "").status()).isEqualTo(409);
  }

  /**
   * The paper's Table 1 through the API: a StarGAN model at every K and, at K = 2 only, the shipped model again,
   * which on the same draws must score exactly as the evaluated model does.
   */
  @Test
  void baselineModelsAreScoredBesideTheModelOnTheSameDraws() throws Exception {
    TestStack.Response submitted = stack.post("/v1/evaluations", "{\"model\":\"" + model + "\",\"dataset\":\""
        + dataset + "\",\"k\":[1,2],\"contents\":3,\"baselines\":[{\"name\":\"stargan_fair\",\"model\":\""
        + stargan + "\"},{\"name\":\"shipped_again\",\"model\":\"" + model + "\",\"k\":2}],"
        + "\"shot_sets\":\"fixed\",\"classification\":{\"k\":[1,2],\"generated\":[2]}}");
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
    String id = submitted.json().path("id").asText();

    JsonNode done = awaitEvaluation(id);
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
    EvaluationReport report = Json.MAPPER.readValue(stack.get("/v1/evaluations/" + id + "/report.json").body(),
        EvaluationReport.class);
    assertThat(report.results().get(0).methods()).extracting(EvaluationReport.MethodScores::method)
        .containsExactly("funit", "stargan_fair", "copy_content", "class_mean", "styling_only");
    assertThat(report.results().get(1).methods()).extracting(EvaluationReport.MethodScores::method)
        .containsExactly("funit", "stargan_fair", "shipped_again", "copy_content", "class_mean", "styling_only");
    Map<String, Double> funit = report.results().get(1).methods().get(0).scores();
    assertThat(funit).isNotEmpty();
    assertThat(report.results().get(1).methods().get(2).scores()).isEqualTo(funit);
    assertThat(report.results().get(1).methods().get(1).scores()).isNotEqualTo(funit);
    assertThat(report.baselineModels()).extracting(EvaluationReport.BaselineModelInfo::model,
        EvaluationReport.BaselineModelInfo::family).containsExactly(
        org.assertj.core.groups.Tuple.tuple(stargan, ModelCard.STARGAN),
        org.assertj.core.groups.Tuple.tuple(model, ModelCard.FUNIT));
    assertThat(report.baselineModels().get(1).iterations()).as("each row's training length, from its card")
        .isEqualTo(Json.MAPPER.readTree(stack.get("/v1/models/" + model).body()).path("card").path("iterations")
            .asLong());
    assertThat(stack.get("/v1/evaluations/" + id + "/report").body()).contains("id=\"baseline-models\"",
        "stargan_fair", "shipped_again", "id=\"classification\"");
    // few-shot classification: the models of every K (a model of one K has no place at its K values)
    assertThat(report.classification().judge().name()).isEqualTo("style_source");
    assertThat(report.classification().rows()).extracting(r -> r.method() + "@" + r.k() + "+" + r.generated())
        .containsExactly("real_only@1+0", "real_only@2+0", "funit@1+2", "funit@2+2", "stargan_fair@1+2",
            "stargan_fair@2+2");
  }

  @Test
  void theCliRunsTheSameEvaluationIntoALocalDirectory(@TempDir Path out) throws Exception {
    EvalCommand command = new EvalCommand();
    new CommandLine(command).parseArgs("--model", model, "--dataset", dataset, "--k", "1,2", "--contents", "2",
        "--out", out.toString());

    JsonNode summary = Json.MAPPER.valueToTree(command.evaluate(local));

    assertThat(summary.path("results")).hasSize(2);
    for (JsonNode row : summary.path("results")) {
      for (String method : EvaluationReport.METHODS) {
        assertThat(row.path(method).size()).as(method + " at K " + row.path("k")).isPositive();
      }
    }
    EvaluationReport report = Json.MAPPER.readValue(out.resolve("report.json").toFile(), EvaluationReport.class);
    assertThat(report.model()).isEqualTo(model);
    assertThat(java.nio.file.Files.readString(out.resolve("report.html"))).contains("<svg", "data:image/png;base64,");
    assertThat(report.samples()).allSatisfy(name -> assertThat(out.resolve(name)).isRegularFile());
  }

  @Test
  void badRequestsAreRefusedWithTheFieldAtFaultAndEnqueueNothing() throws Exception {
    int before = queued();
    assertField("{\"model\":\"no-such-model\",\"dataset\":\"" + dataset + "\"}", "model");
    assertField("{\"model\":\"" + model + "\",\"dataset\":\"no-such-dataset\"}", "dataset");
    assertField("{\"model\":\"" + model + "\",\"dataset\":\"" + trainOnly + "\"}", "dataset");
    assertField("{\"model\":\"" + model + "\",\"dataset\":\"" + dataset + "\",\"k\":[1,0]}", "k[1]");
    assertField("{\"model\":\"" + model + "\",\"dataset\":\"" + dataset + "\",\"k\":[1,null]}", "k[1]");
    assertField("{\"model\":\"" + model + "\",\"dataset\":\"" + dataset + "\",\"k\":[1,2.5]}", "k[1]");
    assertField("{\"model\":\"" + model + "\",\"dataset\":\"" + dataset + "\",\"k\":[1,9]}", "k[1]");
    assertField("{\"model\":\"" + model + "\",\"dataset\":\"" + dataset + "\",\"metrics\":[\""
        + EvaluationReport.MEAN_CLASS_FID + "\",\"fid_typo\"]}", "metrics[1]");
    assertField("{\"model\":\"" + model + "\",\"dataset\":\"" + dataset + "\",\"k\":[1],\"metrics\":[\""
        + EvaluationReport.GT_L1 + "\"]}", "metrics[0]");
    String withBaselines = "{\"model\":\"" + model + "\",\"dataset\":\"" + dataset + "\",\"k\":[1],\"baselines\":";
    assertField(withBaselines + "[{\"name\":\"b\",\"model\":\"no-such-model\"}]}", "baselines[0].model");
    assertField(withBaselines + "[{\"name\":\"b\",\"model\":\"" + stargan + "\"},{\"name\":\"c\",\"model\":\""
        + stargan16 + "\"}]}", "baselines[1].model");
    assertField(withBaselines + "[{\"name\":\"funit\",\"model\":\"" + stargan + "\"}]}", "baselines[0].name");
    assertField(withBaselines + "[{\"name\":\"b\",\"model\":\"" + stargan + "\",\"k\":2}]}", "baselines[0].k");
    String plain = "{\"model\":\"" + model + "\",\"dataset\":\"" + dataset + "\",\"k\":[1],";
    assertField(plain + "\"shot_sets\":\"per_class\"}", "shot_sets");
    assertField(plain + "\"classification\":{\"k\":[1,0]}}", "classification.k[1]");
    assertField(plain + "\"classification\":{\"k\":[150]}}", "classification.k");
    assertThat(queued()).isEqualTo(before);
    assertThat(stack.get("/v1/evaluations/no-such-evaluation").status()).isEqualTo(404);
  }

  /**
   * {@code POST /v1/jobs/eval} admits as {@code /v1/evaluations} does (it enqueued these before: the generic route
   * skipped the checks against the store).
   */
  @Test
  void theGenericRouteRefusesWhatTheEvaluationRouteRefuses() throws Exception {
    int before = queued();
    assertField("/v1/jobs/eval", "{\"model\":\"no-such-model\",\"dataset\":\"" + dataset + "\"}", "model");
    assertField("/v1/jobs/eval", "{\"model\":\"" + model + "\",\"dataset\":\"no-such-dataset\"}", "dataset");
    assertField("/v1/jobs/eval", "{\"model\":\"" + model + "\",\"dataset\":\"" + trainOnly + "\"}", "dataset");
    assertField("/v1/jobs/eval", "{\"model\":\"" + model + "\",\"dataset\":\"" + dataset + "\",\"k\":[1,9]}",
        "k[1]");
    assertField("/v1/jobs/eval", "{\"model\":\"" + model + "\",\"dataset\":\"" + dataset
        + "\",\"metrics\":[\"fid_typo\"]}", "metrics[0]");
    assertThat(queued()).isEqualTo(before);
  }

  /** A StarGAN model as a training registers one: random weights, the shipped model's dataset, at {@code size} px. */
  private ModelCard registerStarGan(ModelCard like, int size, Path file) throws Exception {
    StarGanConfig tiny = new StarGanConfig("stargan-32", size, 4, 4, new StarGanGeneratorConfig(8, 1, 1),
        new StarGanDiscriminatorConfig(8, 3), AdamConfig.STARGAN, AdamConfig.STARGAN, StarGanLossConfig.PAPER, 1, 10);
    try (StarGanNetworks nets = StarGanNetworks.create(tiny, 3)) {
      StarGanModelFile.save(nets, false, file);
    }
    String id = "stargan-it-" + size;
    ModelCard card = new ModelCard(id, id, like.dataset(), like.datasetName(), "stargan-32", size, null, 10,
        List.of(), List.of(), Map.of(), List.of(), ModelRegistry.generatorKey(id), null, like.color(),
        ModelCard.STARGAN, null);
    return new ModelRegistry(stack.store).register(card, file);
  }

  private void assertField(String body, String field) throws Exception {
    assertField("/v1/evaluations", body, field);
  }

  private void assertField(String path, String body, String field) throws Exception {
    TestStack.Response response = stack.post(path, body);
    assertThat(response.status()).as(body + " → " + response.body()).isEqualTo(400);
    assertThat(response.contentType()).isEqualTo("application/problem+json");
    assertThat(response.json().path("field").asText()).as(response.body()).isEqualTo(field);
  }

  private int queued() {
    return TopicReader.readAll(stack.kafka, stack.kafka.topics().work(EvalJob.TYPE)).size();
  }

  private JsonNode awaitEvaluation(String id) throws Exception {
    await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250))
        .until(() -> stack.get("/v1/evaluations/" + id).json().path("status").asText(),
            s -> s.equals("succeeded") || s.equals("failed") || s.equals("canceled"));
    return stack.get("/v1/evaluations/" + id).json();
  }
}
