package io.funit.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.contract.JobEvent;
import io.funit.common.contract.JobEventType;
import io.funit.common.embedded.FreePorts;
import io.funit.common.json.Json;
import io.funit.common.logging.JobMdc;
import io.funit.common.testing.Infra;
import io.funit.common.testing.InfraExtension;
import io.funit.common.training.CheckpointStore;
import io.funit.common.training.MetricRow;
import io.funit.common.training.TrainingMetrics;
import io.funit.worker.train.TrainWorkerMain;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real train-worker process told to stop (SIGTERM) mid-training: its /readyz answers 503 while it drains, it
 * exits cleanly within its grace period with a checkpoint at its last finished iteration, and another worker
 * finishes the job with no iteration lost or repeated. Its log, in JSON, parses line by line and carries the job id
 * on every line of the job's threads. A worker asked for a GPU on a host without one refuses to start.
 */
@ExtendWith(InfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkerDrainIT {
  private static final long GRACE_MILLIS = 30_000;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
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

  @Test
  void sigtermDrainsNotReadyCheckpointsExitsCleanlyAndAnotherWorkerFinishesWithEveryIterationOnce()
      throws Exception {
    int port = FreePorts.pick();
    Path log = Path.of("target", "draining-trainer.log"); // kept for a look after the run, like the other ITs' logs
    Process worker = startTrainWorker("draining-trainer", port, log, Map.of("FUNIT_LOG_FORMAT", "json",
        "FUNIT_WORKER_SHUTDOWN_GRACE_MS", Long.toString(GRACE_MILLIS)));
    String id;
    long stoppedAt;
    try {
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
          .until(() -> status(port, "/readyz") == 200);
      assertThat(status(port, "/healthz")).isEqualTo(200);
      TestStack.Response submitted = stack.post("/v1/trainings", "{\"dataset\":\"" + dataset + "\","
          + String.format(TrainingJobIT.TINY, 60) + ",\"checkpoint_every\":1000,\"sample_every\":1000,"
          + "\"progress_every\":1}");
      assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
      id = submitted.json().path("id").asText();
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
          .until(() -> stack.get("/v1/trainings/" + id).json().path("iteration").asLong() >= 10);

      long signalled = System.nanoTime();
      worker.destroy(); // SIGTERM
      List<Integer> readiness = new ArrayList<>();
      while (worker.isAlive() && System.nanoTime() - signalled < TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS + 10_000)) {
        readiness.add(status(port, "/readyz"));
        Thread.sleep(5);
      }
      assertThat(worker.waitFor(1, TimeUnit.SECONDS)).as("ended within the grace period").isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofMillis(GRACE_MILLIS));
      // 143 = 128 + SIGTERM: the JVM's status after its shutdown hooks ran to the end (docs/operations.md)
      assertThat(worker.exitValue()).as(Files.readString(log)).isEqualTo(143);
      // the first answers may come before the JVM has acted on the signal; once 503, never ready again
      int drainSeen = readiness.indexOf(503);
      assertThat(drainSeen).as("/readyz answers while stopping (-1: port closed): " + readiness).isNotNegative();
      assertThat(readiness.subList(drainSeen, readiness.size())).doesNotContain(200);

      List<MetricRow> before = new TrainingMetrics(stack.store).read(id);
      stoppedAt = before.get(before.size() - 1).iteration();
      assertThat(stoppedAt).isBetween(10L, 59L);
      assertThat(new CheckpointStore(stack.store).latest(id)).contains(CheckpointStore.key(id, stoppedAt));
      assertThat(stack.job(id).path("state").asText()).isEqualTo("queued");
    } finally {
      worker.destroyForcibly();
    }

    stack.startTrainWorker("rescuer", tmp.resolve("rescuer"));
    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250))
        .until(() -> stack.job(id).path("state").asText(), s -> s.equals("succeeded") || s.equals("failed"));
    JsonNode done = stack.get("/v1/trainings/" + id).json();
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
    assertThat(done.path("iteration").asLong()).isEqualTo(60);
    assertThat(new TrainingMetrics(stack.store).read(id)).extracting(MetricRow::iteration)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, 60).boxed().toList());
    List<JobEvent> events = stack.events(id);
    assertThat(events).filteredOn(e -> e.event() == JobEventType.STARTED).extracting(JobEvent::workerId)
        .containsExactly("draining-trainer", "rescuer");
    assertThat(events).extracting(JobEvent::event).contains(JobEventType.REQUEUED);
    // the rescuer went on from the iteration after the checkpoint: none done twice (the drained worker's last
    // progress report may be one behind: the stop can come in the report of the iteration it then checkpoints)
    assertThat(progressOf(events, "draining-trainer").max().orElseThrow()).isBetween(stoppedAt - 1, stoppedAt);
    assertThat(progressOf(events, "rescuer").min().orElseThrow()).isEqualTo(stoppedAt + 1);
    assertThat(done.path("attempt").asInt()).as("a hand-back gives its attempt back").isEqualTo(1);

    assertJsonLogWithJobContext(log, id);
  }

  @Test
  void aWorkerAskedForAGpuOnAHostWithoutOneRefusesToStart() throws Exception {
    Path log = Path.of("target", "gpu-worker.log");
    Process worker = startTrainWorker("gpu-worker", FreePorts.pick(), log, Map.of("FUNIT_DEVICE", "gpu"));
    try {
      assertThat(worker.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(worker.exitValue()).isEqualTo(2);
      assertThat(Files.readString(log.resolveSibling("gpu-worker.log.err")))
          .contains("FUNIT_DEVICE=gpu, but DJL sees no GPU");
    } finally {
      worker.destroyForcibly();
    }
  }

  /** Every line parses as a JSON object; every line written by the job's threads names the job. */
  private static void assertJsonLogWithJobContext(Path log, String jobId) throws IOException {
    List<String> lines = Files.readAllLines(log);
    assertThat(lines).isNotEmpty();
    List<JsonNode> jobLines = new ArrayList<>();
    for (String line : lines) {
      JsonNode entry = Json.MAPPER.readTree(line);
      assertThat(entry.isObject()).as(line).isTrue();
      assertThat(entry.path("level").asText()).as(line).isNotEmpty();
      String thread = entry.path("threadName").asText();
      boolean jobThread = thread.startsWith("draining-trainer-train-") && thread.endsWith("-job");
      if (jobThread || thread.startsWith("sampler-prefetch")) {
        jobLines.add(entry);
      }
    }
    assertThat(jobLines).as("lines of the job's threads").isNotEmpty();
    for (JsonNode entry : jobLines) {
      JsonNode mdc = entry.path("mdc");
      assertThat(mdc.path(JobMdc.JOB_ID).asText()).as(entry.toString()).isEqualTo(jobId);
      assertThat(mdc.path(JobMdc.JOB_TYPE).asText()).isEqualTo("train");
      assertThat(mdc.path(JobMdc.WORKER_ID).asText()).isEqualTo("draining-trainer");
      assertThat(mdc.path(JobMdc.ATTEMPT).asText()).isEqualTo("1");
    }
    assertThat(jobLines).extracting(e -> e.path("formattedMessage").asText())
        .anyMatch(m -> m.contains("attempt 1 ended: handed_back"));
  }

  private static java.util.stream.LongStream progressOf(List<JobEvent> events, String workerId) {
    return events.stream().filter(e -> e.event() == JobEventType.PROGRESS && workerId.equals(e.workerId()))
        .mapToLong(e -> e.progress().done());
  }

  /** The status of a GET on the worker's health port; -1 when nothing answers. */
  private int status(int port, String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The real train-worker main in its own JVM, probes on {@code port}, stdout to {@code log}, stderr beside. */
  private Process startTrainWorker(String workerId, int port, Path log, Map<String, String> extra)
      throws IOException {
    Map<String, String> env = new java.util.HashMap<>(Map.of("FUNIT_WORKER_HTTP_HOST", "127.0.0.1",
        "FUNIT_WORKER_HTTP_PORT", Integer.toString(port)));
    env.putAll(extra);
    return ServiceProcesses.start(stack, TrainWorkerMain.class, workerId, tmp, env, log.toFile(),
        log.resolveSibling(log.getFileName() + ".err").toFile());
  }

}
