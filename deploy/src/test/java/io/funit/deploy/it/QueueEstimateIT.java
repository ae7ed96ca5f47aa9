package io.funit.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.json.Json;
import io.funit.common.testing.Infra;
import io.funit.common.testing.InfraExtension;
import io.funit.common.worker.WorkerRuntime;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Queued jobs show their place in the queue, and an ETA once jobs of their type have finished recently. */
@ExtendWith(InfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueueEstimateIT {
  private TestStack stack;

  @BeforeAll
  void start(Infra infra) throws Exception {
    stack = new TestStack(infra, Map.of());
    stack.startGateway();
  }

  @AfterAll
  void stop() throws Exception {
    stack.close();
  }

  @Test
  void queuedJobsShowTheirPositionAndAnEtaFromTheRecentFinishingRate() throws Exception {
    String first = stack.submitProbe("{\"steps\": 1, \"step_millis\": 0}");
    String second = stack.submitProbe("{\"steps\": 1, \"step_millis\": 0}");
    String third = stack.submitProbe("{\"steps\": 1, \"step_millis\": 0}");

    assertThat(stack.job(first).path("queue_position").asInt()).isEqualTo(1);
    JsonNode last = stack.job(third);
    assertThat(last.path("queue_position").asInt()).isEqualTo(3);
    assertThat(last.has("eta_seconds")).as("nothing of this type finished yet").isFalse();
    try (Stream<String> lines = stack.getLines("/v1/jobs/" + second + "/events").body()) {
      String data = lines.filter(l -> l.startsWith("data:")).findFirst().orElseThrow();
      assertThat(Json.MAPPER.readTree(data.substring(5)).path("queue_position").asInt()).isEqualTo(2);
    }

    WorkerRuntime worker = stack.startWorker("probe-worker");
    for (String id : List.of(first, second, third)) {
      stack.awaitState(id, "succeeded", Duration.ofSeconds(60));
    }
    stack.stop(worker);
    String next = stack.submitProbe("{\"steps\": 1}");
    String after = stack.submitProbe("{\"steps\": 1}");

    JsonNode queued = stack.job(after);
    assertThat(queued.path("queue_position").asInt()).isEqualTo(2);
    // 3 finished in the last 10 minutes: 2 ahead at 3 per 600 s
    assertThat(queued.path("eta_seconds").asDouble()).isEqualTo(400.0);
    assertThat(stack.job(next).path("queue_position").asInt()).isEqualTo(1);
    assertThat(stack.awaitState(first, "succeeded", Duration.ofSeconds(1)).has("queue_position")).isFalse();
  }
}
