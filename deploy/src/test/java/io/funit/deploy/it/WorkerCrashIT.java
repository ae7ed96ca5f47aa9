package io.funit.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.contract.JobEvent;
import io.funit.common.contract.JobEventType;
import io.funit.common.dataset.imports.TestArchives;
import io.funit.common.faults.Failpoints;
import io.funit.common.json.Json;
import io.funit.common.models.ModelCard;
import io.funit.common.models.ModelRegistry;
import io.funit.common.testing.Infra;
import io.funit.common.testing.InfraExtension;
import io.funit.deploy.it.TestStack.Part;
import io.funit.deploy.up.ShippedModel;
import io.funit.worker.translate.TranslateWorkerMain;
import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A worker process killed mid-job (SIGKILL, or a failpoint that halts it at a chosen step): its job is redelivered to
 * another worker and completes once.
 */
@ExtendWith(InfraExtension.class)
class WorkerCrashIT {
  @Test
  void killedWorkersJobIsRedeliveredAndCompletedOnce(Infra infra) throws Exception {
    try (TestStack stack = new TestStack(infra, Map.of())) {
      stack.startGateway();
      Process doomed = startWorkerProcess(stack, "doomed-worker");
      try {
        String id = stack.submitProbe("{\"steps\": 40, \"step_millis\": 100, \"message\": \"survivor\"}");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
          JsonNode job = stack.job(id);
          return "doomed-worker".equals(job.path("worker_id").asText()) && job.path("progress").path("done").asInt() >= 2;
        });
        doomed.destroyForcibly().waitFor();   // SIGKILL: no hand-back, no commit, no goodbye to the group

        stack.startWorker("rescuer");
        JsonNode job = stack.awaitState(id, "succeeded", Duration.ofSeconds(90));

        assertThat(job.path("worker_id").asText()).isEqualTo("rescuer");
        assertThat(job.path("attempt").asInt()).isEqualTo(2);
        List<JobEvent> events = stack.events(id);
        assertThat(events).filteredOn(e -> e.event() == JobEventType.SUCCEEDED).hasSize(1);
        assertThat(events).filteredOn(e -> e.event() == JobEventType.STARTED).extracting(JobEvent::workerId)
            .containsExactly("doomed-worker", "rescuer");
        assertThat(stack.store.list("outputs/" + id + "/")).hasSize(1);
      } finally {
        doomed.destroyForcibly();
      }
    }
  }

  /**
   * The worst moment for a translation: the forward pass is done, nothing is stored. A real translate worker halts
   * there (a failpoint: as SIGKILL, no hand-back, no commit); the job is redone by another worker, once: one
   * succeeded event, one output per content image, the rescuer's attempt 2.
   */
  @Test
  void translationKilledBetweenTheModelAndTheStoreWriteIsRedoneNotLostOrDoubled(Infra infra) throws Exception {
    try (TestStack stack = new TestStack(infra, Map.of("FUNIT_KAFKA_SESSION_TIMEOUT_MS", "6000"))) {
      ModelCard card = ShippedModel.register(stack.store, Path.of("..", "models", "default"));
      new ModelRegistry(stack.store).setDefault(card.id());
      stack.startGateway();
      Process doomed = startWorkerProcess(stack, "doomed-translator",
          Map.of(Failpoints.SETTING, Failpoints.TRANSLATE_BEFORE_OUTPUTS + "=halt"));
      Process rescuer = null;
      try {
        HttpResponse<String> accepted = stack.postParts("/v1/translations", List.of(
            Part.file("content", "a.png", TestArchives.image("png", 32, 32, 1)),
            Part.file("content", "b.png", TestArchives.image("png", 32, 32, 2)),
            Part.file("class", "x.png", TestArchives.image("png", 32, 32, 3))), Map.of());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = Json.MAPPER.readTree(accepted.body()).path("id").asText();

        assertThat(doomed.waitFor(120, TimeUnit.SECONDS)).as("the worker reached the failpoint").isTrue();
        assertThat(doomed.exitValue()).isEqualTo(Failpoints.HALT_STATUS);
        JsonNode crashed = stack.job(id);
        assertThat(crashed.path("state").asText()).isEqualTo("running");
        assertThat(crashed.path("attempt").asInt()).isEqualTo(1);
        assertThat(stack.store.list("outputs/" + id + "/")).as("nothing stored before the crash").isEmpty();

        rescuer = startWorkerProcess(stack, "rescuer", Map.of());
        JsonNode job = stack.awaitState(id, "succeeded", Duration.ofSeconds(120));

        assertThat(job.path("worker_id").asText()).isEqualTo("rescuer");
        assertThat(job.path("attempt").asInt()).isEqualTo(2);
        List<JobEvent> events = stack.events(id);
        assertThat(events).filteredOn(e -> e.event() == JobEventType.SUCCEEDED).hasSize(1);
        assertThat(events).filteredOn(e -> e.event() == JobEventType.STARTED).extracting(JobEvent::workerId)
            .containsExactly("doomed-translator", "rescuer");
        assertThat(job.path("result").path("outputs").findValuesAsText("key"))
            .containsExactly("outputs/" + id + "/translation-0.png", "outputs/" + id + "/translation-1.png");
        assertThat(stack.store.list("outputs/" + id + "/")).hasSize(2);
      } finally {
        doomed.destroyForcibly();
        if (rescuer != null) {
          rescuer.destroyForcibly().waitFor();
        }
      }
    }
  }

  /** The real translate-worker main in its own JVM, configured like a deployment: by environment variables. */
  private static Process startWorkerProcess(TestStack stack, String workerId) throws Exception {
    return startWorkerProcess(stack, workerId, Map.of());
  }

  private static Process startWorkerProcess(TestStack stack, String workerId, Map<String, String> extra)
      throws Exception {
    return ServiceProcesses.start(stack, TranslateWorkerMain.class, workerId, Path.of("target"), extra,
        new File("target/" + workerId + ".log"), null);
  }

}
