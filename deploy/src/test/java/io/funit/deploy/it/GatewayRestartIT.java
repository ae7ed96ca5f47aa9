package io.funit.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.testing.Infra;
import io.funit.common.testing.InfraExtension;
import io.funit.gateway.Gateway;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Job state is a projection of the job-event topic: it survives gateway restarts and is the same everywhere. */
@ExtendWith(InfraExtension.class)
class GatewayRestartIT {
  @Test
  void jobStateSurvivesAGatewayRestartAndTwoGatewaysAgree(Infra infra) throws Exception {
    try (TestStack stack = new TestStack(infra, Map.of())) {
      Gateway first = stack.startGateway();
      stack.startWorker("worker-r");
      String done = stack.submitProbe("{\"steps\": 1}");
      JsonNode finished = stack.awaitState(done, "succeeded", Duration.ofSeconds(60));
      String canceled = stack.submitProbe("{\"steps\": 300, \"step_millis\": 100}");
      stack.awaitState(canceled, "running", Duration.ofSeconds(60));
      stack.post("/v1/jobs/" + canceled + "/cancel", "");
      JsonNode canceledJob = stack.awaitState(canceled, "canceled", Duration.ofSeconds(60));
      stack.stop(first);

      stack.startGateway();   // a new instance: it knows only what the topic holds
      assertThat(stack.job(done)).isEqualTo(finished);
      assertThat(stack.job(canceled)).isEqualTo(canceledJob);
      JsonNode listedByFirstRestart = stack.get("/v1/jobs").json();

      stack.startGateway();   // a second instance alongside
      assertThat(stack.job(done)).isEqualTo(finished);
      assertThat(stack.get("/v1/jobs").json()).isEqualTo(listedByFirstRestart);
    }
  }
}
