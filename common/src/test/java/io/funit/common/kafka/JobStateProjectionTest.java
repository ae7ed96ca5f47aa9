package io.funit.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.funit.common.config.KafkaSettings;
import io.funit.common.config.Settings;
import io.funit.common.contract.JobEnvelope;
import io.funit.common.contract.JobEvent;
import io.funit.common.contract.JobEventType;
import io.funit.common.contract.JobState;
import io.funit.common.contract.JobType;
import io.funit.common.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The merge rules, applied directly (the Kafka reader is never started here). */
class JobStateProjectionTest {
  private final JobStateProjection projection = new JobStateProjection(
      new KafkaClients(KafkaSettings.from(Settings.of(Map.of("FUNIT_KAFKA_BOOTSTRAP", "127.0.0.1:1")))), "test");

  @AfterEach
  void close() {
    projection.close();
  }

  private static JobEvent queued(String id, JobType type, long second) {
    return JobEvent.queued(new JobEnvelope(1, id, type, Instant.ofEpochSecond(second), Json.MAPPER.createObjectNode()));
  }

  @Test
  void anOlderOffsetNeverOverwritesANewerState() {
    JobEvent queued = queued("a", JobType.PROBE, 1);
    JobEvent running = queued.next(JobEventType.STARTED, JobState.RUNNING, "w");
    projection.apply(running, 5);
    projection.apply(queued, 4);
    assertThat(projection.get("a")).get().extracting(JobEvent::state).isEqualTo(JobState.RUNNING);
  }

  @Test
  void aTerminalStateIsFinal() {
    JobEvent queued = queued("a", JobType.PROBE, 1);
    projection.apply(queued.next(JobEventType.CANCELED, JobState.CANCELED, "gateway"), 1);
    projection.apply(queued.next(JobEventType.STARTED, JobState.RUNNING, "late-worker"), 2);
    assertThat(projection.get("a")).get().extracting(JobEvent::state).isEqualTo(JobState.CANCELED);
  }

  @Test
  void aCancelRequestSurvivesProgressWrittenWithoutIt() {
    JobEvent running = queued("a", JobType.PROBE, 1).next(JobEventType.STARTED, JobState.RUNNING, "w");
    projection.apply(running, 1);
    projection.apply(running.next(JobEventType.CANCEL_REQUESTED, JobState.RUNNING, "gateway").withCancelRequested(true), 2);
    projection.apply(running.next(JobEventType.PROGRESS, JobState.RUNNING, "w"), 3);
    assertThat(projection.get("a")).get().extracting(JobEvent::cancelRequested).isEqualTo(true);
    projection.apply(running.next(JobEventType.CANCELED, JobState.CANCELED, "w"), 4);
    assertThat(projection.get("a")).get().extracting(JobEvent::cancelRequested).isEqualTo(false);
  }

  @Test
  void pagesAreNewestFirstFilteredAndContinueAfterTheCursor() {
    for (int i = 0; i < 5; i++) {
      projection.apply(queued("p" + i, JobType.PROBE, 100 + i), i);
      projection.apply(queued("t" + i, JobType.TRAIN, 100 + i), i);
    }
    List<JobEvent> first = projection.page(JobType.PROBE, null, null, 2);
    assertThat(first).extracting(JobEvent::jobId).containsExactly("p4", "p3");
    List<JobEvent> second = projection.page(JobType.PROBE, null, JobOrder.of(first.get(1)), 2);
    assertThat(second).extracting(JobEvent::jobId).containsExactly("p2", "p1");
    assertThat(projection.page(null, JobState.QUEUED, null, 100)).hasSize(10);
    assertThat(projection.page(null, JobState.SUCCEEDED, null, 100)).isEmpty();
  }
}
