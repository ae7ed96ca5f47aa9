package io.funit.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.contract.JobEvent;
import io.funit.common.contract.JobEventType;
import io.funit.common.testing.Infra;
import io.funit.common.testing.InfraExtension;
import io.funit.worker.translate.TranslateWorkerMain;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A worker process killed with SIGKILL mid-job: its job is redelivered to another worker and completes once. */
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

  /** The real translate-worker main in its own JVM, configured like a deployment: by environment variables. */
  private static Process startWorkerProcess(TestStack stack, String workerId) throws Exception {
    return ServiceProcesses.start(stack, TranslateWorkerMain.class, workerId, Path.of("target"), Map.of(),
        new File("target/" + workerId + ".log"), null);
  }

}
