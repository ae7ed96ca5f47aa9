package io.funit.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.config.S3Settings;
import io.funit.common.contract.JobEvent;
import io.funit.common.contract.JobEventType;
import io.funit.common.embedded.FreePorts;
import io.funit.common.storage.ObjectStore;
import io.funit.common.testing.Infra;
import io.funit.common.testing.InfraExtension;
import io.funit.common.worker.WorkerRuntime;
import io.funit.common.worker.WorkerSettings;
import io.funit.common.worker.probe.ProbeHandler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A worker whose object store is down (found by ./funit chaos, s3-disk-full: 26 of 56 translations failed with
 * attempts_exhausted while the S3 host's disk was full for a minute) hands the job back and waits, spending none of
 * the job's attempts; once a worker can reach the store the job succeeds as its first attempt.
 */
@ExtendWith(InfraExtension.class)
class StorageOutageIT {
  @Test
  void aJobWhoseStoreIsDownWaitsForItInsteadOfSpendingItsAttempts(Infra infra) throws Exception {
    try (TestStack stack = new TestStack(infra, Map.of("FUNIT_WORKER_MAX_ATTEMPTS", "2"))) {
      stack.startGateway();
      ObjectStore unreachable = new ObjectStore(S3Settings.from(stack.settings.with(Map.of("FUNIT_S3_ENDPOINT",
          "http://127.0.0.1:" + FreePorts.pick()))));
      WorkerRuntime cutOff = WorkerRuntime.start(stack.kafka, WorkerSettings.from(stack.settings)
          .withWorkerId("cut-off"), List.of(new ProbeHandler(unreachable)));
      String id = stack.submitProbe("{\"steps\": 1}");

      // with 2 attempts and a 100 ms backoff the job used to fail within a second; now it goes round and round
      await().atMost(Duration.ofSeconds(60)).until(() -> stack.events(id).stream()
          .filter(e -> e.event() == JobEventType.REQUEUED).count() >= 3);
      List<JobEvent> events = stack.events(id);
      assertThat(events).noneMatch(e -> e.state().terminal());
      JobEvent requeued = events.stream().filter(e -> e.event() == JobEventType.REQUEUED).findFirst().orElseThrow();
      assertThat(requeued.error().code()).isEqualTo("storage_unavailable");
      assertThat(requeued.attempt()).isZero();
      assertThat(stack.job(id).path("state").asText()).isEqualTo("queued");

      cutOff.close();
      stack.startWorker("reaches-the-store");
      JsonNode job = stack.awaitState(id, "succeeded", Duration.ofSeconds(60));
      assertThat(job.path("attempt").asInt()).isEqualTo(1);
      assertThat(stack.store.stat(job.path("result").path("output_key").asText())).isPresent();
    }
  }
}
