package io.funit.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.funit.common.testing.Infra;
import io.funit.common.testing.InfraExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Finished jobs of the retained types are forgotten after FUNIT_JOB_RETENTION_SECONDS, by every gateway, including
 * one that starts afterwards and reads the job-event topic from its beginning; unfinished jobs are kept.
 */
@ExtendWith(InfraExtension.class)
class JobRetentionIT {

  @Test
  void aFinishedJobIsForgottenAfterItsRetentionAndARunningOneIsKept(Infra infra) throws Exception {
    try (TestStack stack = new TestStack(infra, Map.of("FUNIT_JOB_RETENTION_SECONDS", "3"))) {
      stack.startGateway();
      stack.startWorker("worker-k");
      String finished = stack.submitProbe("{\"steps\": 1, \"step_millis\": 10}");
      stack.awaitState(finished, "succeeded", Duration.ofSeconds(30));
      String running = stack.submitProbe("{\"steps\": 600, \"step_millis\": 100}");
      stack.awaitState(running, "running", Duration.ofSeconds(30));

      await().atMost(Duration.ofSeconds(30)).until(() -> stack.get("/v1/jobs/" + finished).status() == 404);
      assertThat(stack.get("/v1/jobs/" + running).status()).isEqualTo(200);
      assertThat(stack.get("/v1/jobs?type=probe").body()).doesNotContain(finished).contains(running);

      stack.startGateway();
      assertThat(stack.get("/v1/jobs/" + finished).status()).isEqualTo(404);
      assertThat(stack.job(running).path("state").asText()).isEqualTo("running");
      assertThat(stack.get("/metrics").body()).contains("funit_job_state_jobs");
    }
  }
}
