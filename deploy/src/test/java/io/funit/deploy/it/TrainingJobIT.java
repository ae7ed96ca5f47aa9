package io.funit.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.contract.JobEvent;
import io.funit.common.contract.JobEventType;
import io.funit.common.models.ModelCard;
import io.funit.common.models.ModelRegistry;
import io.funit.common.testing.Infra;
import io.funit.common.testing.InfraExtension;
import io.funit.common.training.CheckpointStore;
import io.funit.common.training.MetricRow;
import io.funit.common.training.TrainingMetrics;
import io.funit.common.worker.WorkerRuntime;
import io.funit.worker.train.TrainWorkerMain;
import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Training jobs on the real stack with a real (tiny) model of each family, FUNIT and StarGAN: a train-worker process
 * killed with SIGKILL mid-run and another worker finishing from the checkpoint; cancel and continue.
 */
@ExtendWith(InfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainingJobIT {
  /** A FUNIT small enough for a few iterations per second on CI: every module, narrow channels. */
  static final String TINY = "\"preset\":\"font-32\",\"overrides\":{\"iterations\":%d,\"batch_size\":4,"
      + "\"gen_nf\":8,\"dis_nf\":8,\"dis_res_blks\":2,\"mlp_dim\":32,\"latent_dim\":16,\"seed\":5}";
  /** The same for StarGAN: its 32-pixel preset with narrow channels (its overrides are fewer). */
  static final String TINY_STARGAN = "\"preset\":\"stargan-32\",\"overrides\":{\"iterations\":%d,"
      + "\"batch_size\":4,\"gen_nf\":8,\"dis_nf\":8,\"seed\":5}";
  private TestStack stack;
  private String dataset;
  @TempDir
  Path tmp;

  @BeforeAll
  void start(Infra infra, @TempDir Path dir) throws Exception {
    stack = new TestStack(infra, Map.of("FUNIT_KAFKA_SESSION_TIMEOUT_MS", "6000"));
    stack.startGateway();
    dataset = TrainingDatasets.publishSmall(stack.store, dir.resolve("dataset"));
  }

  @AfterAll
  void stop() throws Exception {
    stack.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {ModelCard.FUNIT, ModelCard.STARGAN})
  void aKilledTrainWorkersJobIsFinishedByAnotherFromTheCheckpointWithExactCountsAndAGaplessHistory(String family)
      throws Exception {
    Process doomed = startTrainWorkerProcess("doomed-" + family, tmp);
    String id;
    try {
      id = submit(family, 60, 10);
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
        JsonNode t = stack.get("/v1/trainings/" + id).json();
        return ("doomed-" + family).equals(stack.job(id).path("worker_id").asText())
            && t.path("iteration").asLong() >= 25;
      });
      doomed.destroyForcibly().waitFor(); // SIGKILL mid-run: the checkpoint at 20 (or later) is all that survives
    } finally {
      doomed.destroyForcibly();
    }
    // stopped at the end: a worker left running would take the next test's job from the one that test means to kill
    WorkerRuntime rescuer = stack.startTrainWorker("rescuer-" + family, tmp.resolve("rescuer-" + family));
    try {
      checkFinishedByTheRescuer(id, family);
    } finally {
      stack.stop(rescuer);
    }
  }

  private void checkFinishedByTheRescuer(String id, String family) throws Exception {
    JsonNode done = awaitTraining(id, "succeeded");

    assertThat(done.path("iteration").asLong()).isEqualTo(60);
    assertThat(done.path("attempt").asInt()).isEqualTo(2);
    assertThat(stack.events(id)).filteredOn(e -> e.event() == JobEventType.STARTED).extracting(JobEvent::workerId)
        .containsExactly("doomed-" + family, "rescuer-" + family);
    List<MetricRow> history = new TrainingMetrics(stack.store).read(id);
    assertThat(history).extracting(MetricRow::iteration).containsExactlyElementsOf(
        LongStream.rangeClosed(1, 60).boxed().toList());
    List<TrainingMetrics.Segment> segments = new TrainingMetrics(stack.store).segments(id);
    for (int i = 1; i < segments.size(); i++) {
      assertThat(segments.get(i).first()).isEqualTo(segments.get(i - 1).last() + 1);
    }
    assertThat(new CheckpointStore(stack.store).latest(id)).contains(CheckpointStore.key(id, 60));
    assertThat(new CheckpointStore(stack.store).all(id)).hasSizeLessThanOrEqualTo(3);
    assertThat(new ModelRegistry(stack.store).card(id).orElseThrow().iterations()).isEqualTo(60);
    assertThat(new ModelRegistry(stack.store).card(id).orElseThrow().family()).isEqualTo(family);
    assertThat(stack.get("/v1/models/" + id).status()).isEqualTo(200);
    assertThat(stack.get("/v1/trainings/" + id + "/metrics?points=6").json().path("rows")).hasSize(6);
    assertThat(stack.get("/v1/trainings/" + id + "/samples").json().path("items").size()).isGreaterThanOrEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {ModelCard.FUNIT, ModelCard.STARGAN})
  void cancelStopsWithinAnIterationKeepsTheCheckpointAndTheTrainingCanBeContinued(String family) throws Exception {
    WorkerRuntime trainer = stack.startTrainWorker("trainer-" + family, tmp.resolve("trainer-" + family));
    try {
      cancelAndContinue(family);
    } finally {
      stack.stop(trainer);
    }
  }

  private void cancelAndContinue(String family) throws Exception {
    String id = submit(family, 100_000, 100_000);
    await().atMost(Duration.ofSeconds(120)).until(() -> stack.get("/v1/trainings/" + id).json()
        .path("iteration").asLong() >= 5);
    assertThat(stack.post("/v1/trainings/" + id + "/cancel", "{}").status()).isEqualTo(202);
    awaitTraining(id, "canceled");
    String checkpoint = new CheckpointStore(stack.store).latest(id).orElseThrow();
    long stoppedAt = Long.parseLong(checkpoint.replaceAll(".*iter-(\\d+)\\.safetensors", "$1"));
    assertThat(stoppedAt).isGreaterThanOrEqualTo(5).isLessThan(100_000);
    assertThat(new TrainingMetrics(stack.store).read(id)).hasSize((int) stoppedAt);

    TestStack.Response continued = stack.post("/v1/trainings/" + id + "/continue",
        "{\"iterations\":" + (stoppedAt + 7) + "}");
    assertThat(continued.status()).as(continued.body()).isEqualTo(202);
    String next = continued.json().path("id").asText();
    JsonNode done = awaitTraining(next, "succeeded");
    assertThat(done.path("iteration").asLong()).isEqualTo(stoppedAt + 7);
    assertThat(new TrainingMetrics(stack.store).read(next)).extracting(MetricRow::iteration)
        .containsExactlyElementsOf(LongStream.rangeClosed(stoppedAt + 1, stoppedAt + 7).boxed().toList());

    TestStack.Response backwards = stack.post("/v1/trainings/" + id + "/continue", "{\"iterations\":3}");
    assertThat(backwards.status()).isEqualTo(400);
    assertThat(backwards.json().path("field").asText()).isEqualTo("iterations");
    // a cancel checkpoints after the last progress event, so the gateway counts the newest checkpoint too (here a
    // stand-in object: the refused continuation never loads it)
    stack.store.putBytes(CheckpointStore.key(id, stoppedAt + 50), new byte[] {0}, "application/octet-stream");
    TestStack.Response behind = stack.post("/v1/trainings/" + id + "/continue",
        "{\"iterations\":" + (stoppedAt + 20) + "}");
    assertThat(behind.status()).as(behind.body()).isEqualTo(400);
    assertThat(behind.body()).contains("above the " + (stoppedAt + 50) + " this training reached");

    movedByBundleItContinuesExactlyAsItWouldHaveHere(family, next, stoppedAt + 7);
  }

  /**
   * Export, then import onto another build of the same classes (another deployment's, here under another id): the
   * moved training trains exactly what a continuation here would (the same generator, byte for byte, as both run in
   * this one worker process: oneDNN is not bit-reproducible across processes), and its
   * history goes on from the first iteration; wrong datasets, totals and files are refused before anything is stored.
   */
  private void movedByBundleItContinuesExactlyAsItWouldHaveHere(String family, String trained, long reached)
      throws Exception {
    HttpResponse<byte[]> export = stack.getBytes("/v1/trainings/" + trained + "/export");
    assertThat(export.statusCode()).isEqualTo(200);
    assertThat(export.headers().firstValue("X-Checkpoint-Iteration")).contains(Long.toString(reached));
    byte[] bundle = export.body();
    String elsewhere = TrainingDatasets.publish(stack.store, tmp.resolve("elsewhere-" + family), 2);
    String fewerClasses = TrainingDatasets.publish(stack.store, tmp.resolve("fewer-" + family), 3);
    int storedBefore = stack.store.list("checkpoints/").size();

    assertRefused(bundle, fewerClasses, reached + 5, "dataset");
    assertRefused(bundle, elsewhere, reached, "iterations");
    assertRefused("not a zip".getBytes(java.nio.charset.StandardCharsets.UTF_8), elsewhere, reached + 5, "file");
    assertThat(stack.store.list("checkpoints/")).hasSize(storedBefore);

    TestStack.Response imported = importBundle(bundle, elsewhere, reached + 5);
    assertThat(imported.status()).as(imported.body()).isEqualTo(202);
    String moved = imported.json().path("id").asText();
    TestStack.Response continued = stack.post("/v1/trainings/" + trained + "/continue",
        "{\"iterations\":" + (reached + 5) + "}");
    assertThat(continued.status()).as(continued.body()).isEqualTo(202);
    String here = continued.json().path("id").asText();

    assertThat(awaitTraining(moved, "succeeded").path("iteration").asLong()).isEqualTo(reached + 5);
    awaitTraining(here, "succeeded");
    assertThat(new TrainingMetrics(stack.store).read(moved)).extracting(MetricRow::iteration)
        .containsExactlyElementsOf(LongStream.rangeClosed(reached + 1, reached + 5).boxed().toList());
    JsonNode history = stack.get("/v1/trainings/" + moved + "/metrics?history=true").json();
    assertThat(history.path("iterations").asInt()).isEqualTo((int) reached + 5);
    assertThat(history.path("rows").get(0).path("iteration").asLong()).isEqualTo(1);
    assertThat(new ModelRegistry(stack.store).card(moved).orElseThrow().dataset()).isEqualTo(elsewhere);
    assertThat(stack.store.readBytes(ModelRegistry.generatorKey(moved), 64 << 20))
        .isEqualTo(stack.store.readBytes(ModelRegistry.generatorKey(here), 64 << 20));
  }

  private void assertRefused(byte[] bundle, String dataset, long iterations, String field) throws Exception {
    TestStack.Response refused = importBundle(bundle, dataset, iterations);
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().path("field").asText()).as(refused.body()).isEqualTo(field);
  }

  private TestStack.Response importBundle(byte[] bundle, String dataset, long iterations) throws Exception {
    return stack.postMultipart("/v1/trainings/import", "file", "bundle.zip", bundle,
        Map.of("dataset", dataset, "iterations", Long.toString(iterations)));
  }

  @Test
  void requestsAFamilyCannotRunAreRefusedBeforeTheyAreQueued() throws Exception {
    assertThat(stack.post("/v1/trainings", "{\"dataset\":\"nope\",\"preset\":\"font-32\"}").json()
        .path("field").asText()).isEqualTo("dataset");
    assertThat(stack.post("/v1/trainings", "{\"dataset\":\"" + dataset + "\",\"preset\":\"font-32\","
        + "\"overrides\":{\"lr_gne\":0.1}}").json().path("field").asText()).isEqualTo("overrides.lr_gne");
    // valid alone, but font-32's 32-pixel glyphs halved 5 times leave a 1×1 content code: refused before enqueueing
    TestStack.Response coarse = stack.post("/v1/trainings", "{\"dataset\":\"" + dataset + "\",\"preset\":\"font-32\","
        + "\"overrides\":{\"content_downsamplings\":5}}");
    assertThat(coarse.status()).as(coarse.body()).isEqualTo(400);
    assertThat(coarse.json().path("field").asText()).isEqualTo("overrides.content_downsamplings");
    // a FUNIT loss weight means nothing to StarGAN: refused by name, not ignored
    TestStack.Response funitOnly = stack.post("/v1/trainings", "{\"dataset\":\"" + dataset + "\","
        + "\"preset\":\"stargan-32\",\"overrides\":{\"recon_weight\":0.2}}");
    assertThat(funitOnly.status()).as(funitOnly.body()).isEqualTo(400);
    assertThat(funitOnly.json().path("field").asText()).isEqualTo("overrides.recon_weight");
  }

  private String submit(String family, long iterations, long checkpointEvery) throws Exception {
    String spec = ModelCard.STARGAN.equals(family) ? TINY_STARGAN : TINY;
    TestStack.Response response = stack.post("/v1/trainings", "{\"dataset\":\"" + dataset + "\","
        + String.format(spec, iterations) + ",\"checkpoint_every\":" + checkpointEvery
        + ",\"sample_every\":20,\"progress_every\":1}");
    assertThat(response.status()).as(response.body()).isEqualTo(202);
    return response.json().path("id").asText();
  }

  private JsonNode awaitTraining(String id, String status) throws Exception {
    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250))
        .until(() -> stack.get("/v1/trainings/" + id).json().path("status").asText(),
            s -> s.equals(status) || s.equals("failed"));
    JsonNode training = stack.get("/v1/trainings/" + id).json();
    assertThat(training.path("status").asText()).as(training.toString()).isEqualTo(status);
    return training;
  }

  /** The real train-worker main in its own JVM, configured by environment variables like a deployment. */
  private Process startTrainWorkerProcess(String workerId, Path dir) throws Exception {
    return ServiceProcesses.start(stack, TrainWorkerMain.class, workerId, dir, Map.of(),
        new File("target/" + workerId + ".log"), null);
  }

}
