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
import io.funit.common.training.TrainJob;
import io.funit.common.worker.probe.ProbeJob;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
    JobEvent queued = queued("a", ProbeJob.TYPE, 1);
    JobEvent running = queued.next(JobEventType.STARTED, JobState.RUNNING, "w");
    projection.applyRead(running, 5);
    projection.applyRead(queued, 4);
    assertThat(projection.get("a")).get().extracting(JobEvent::state).isEqualTo(JobState.RUNNING);
  }

  @Test
  void aTerminalStateIsFinal() {
    JobEvent queued = queued("a", ProbeJob.TYPE, 1);
    projection.applyRead(queued.next(JobEventType.CANCELED, JobState.CANCELED, "gateway"), 1);
    projection.applyRead(queued.next(JobEventType.STARTED, JobState.RUNNING, "late-worker"), 2);
    assertThat(projection.get("a")).get().extracting(JobEvent::state).isEqualTo(JobState.CANCELED);
  }

  @Test
  void aCancelRequestSurvivesProgressWrittenWithoutIt() {
    JobEvent running = queued("a", ProbeJob.TYPE, 1).next(JobEventType.STARTED, JobState.RUNNING, "w");
    projection.applyRead(running, 1);
    projection.applyRead(running.next(JobEventType.CANCEL_REQUESTED, JobState.RUNNING, "gateway").withCancelRequested(true), 2);
    projection.applyRead(running.next(JobEventType.PROGRESS, JobState.RUNNING, "w"), 3);
    assertThat(projection.get("a")).get().extracting(JobEvent::cancelRequested).isEqualTo(true);
    projection.applyRead(running.next(JobEventType.CANCELED, JobState.CANCELED, "w"), 4);
    assertThat(projection.get("a")).get().extracting(JobEvent::cancelRequested).isEqualTo(false);
  }

  @Test
  void anOwnWriteNeverMakesTheReaderSkipAnEarlierEventOfAnotherWriter() {
    JobEvent running = queued("a", ProbeJob.TYPE, 1).next(JobEventType.STARTED, JobState.RUNNING, "w");
    projection.applyRead(running, 10);
    // the worker's progress is acknowledged at offset 31 before the reader has seen the gateway's cancel at 30
    projection.applyOwn(running.next(JobEventType.PROGRESS, JobState.RUNNING, "w"), 31);
    projection.applyRead(running.next(JobEventType.CANCEL_REQUESTED, JobState.RUNNING, "gateway").withCancelRequested(true), 30);
    assertThat(projection.get("a")).get().extracting(JobEvent::cancelRequested).isEqualTo(true);
    assertThat(projection.get("a")).get().extracting(JobEvent::event).isEqualTo(JobEventType.PROGRESS);
  }

  @Test
  void theReaderPassesAnOwnWriteWithoutReadingItAgain() {
    JobEvent queued = queued("a", ProbeJob.TYPE, 1);
    projection.applyRead(queued, 6);
    JobEvent running = queued.next(JobEventType.STARTED, JobState.RUNNING, "w");
    projection.applyOwn(running, 7);
    // the record at the own write's offset is not parsed (this value could not be), yet the reader moves past it
    projection.applyRecord(new ConsumerRecord<>("events", 0, 7, "a", "not json"));
    projection.applyRead(queued.next(JobEventType.PROGRESS, JobState.RUNNING, "other"), 7);
    assertThat(projection.get("a")).get().isEqualTo(running);
    // a record of another writer at a later offset is read as before
    JobEvent done = running.next(JobEventType.SUCCEEDED, JobState.SUCCEEDED, "w2");
    projection.applyRecord(new ConsumerRecord<>("events", 0, 8, "a", Json.write(done)));
    assertThat(projection.get("a")).get().extracting(JobEvent::state).isEqualTo(JobState.SUCCEEDED);
  }

  @Test
  void anEventAfterTheTerminalOneIsReportedAsLate() {
    java.util.List<JobEvent[]> reported = new java.util.ArrayList<>();
    projection.onLateEvent((terminal, late) -> reported.add(new JobEvent[] {terminal, late}));
    JobEvent queued = queued("a", ProbeJob.TYPE, 1);
    JobEvent canceled = queued.next(JobEventType.CANCELED, JobState.CANCELED, "gateway");
    projection.applyRead(queued, 1);
    projection.applyRead(canceled, 2);
    JobEvent succeeded = queued.next(JobEventType.SUCCEEDED, JobState.SUCCEEDED, "w");
    projection.applyRead(succeeded, 3);
    assertThat(projection.get("a")).get().extracting(JobEvent::state).isEqualTo(JobState.CANCELED);
    assertThat(reported).hasSize(1);
    assertThat(reported.get(0)[0].eventId()).isEqualTo(canceled.eventId());
    assertThat(reported.get(0)[1].eventId()).isEqualTo(succeeded.eventId());
  }

  @Test
  void pagesAreNewestFirstFilteredAndContinueAfterTheCursor() {
    for (int i = 0; i < 5; i++) {
      projection.applyRead(queued("p" + i, ProbeJob.TYPE, 100 + i), i);
      projection.applyRead(queued("t" + i, TrainJob.TYPE, 100 + i), i);
    }
    List<JobEvent> first = projection.page(ProbeJob.TYPE, null, null, 2);
    assertThat(first).extracting(JobEvent::jobId).containsExactly("p4", "p3");
    List<JobEvent> second = projection.page(ProbeJob.TYPE, null, JobOrder.of(first.get(1)), 2);
    assertThat(second).extracting(JobEvent::jobId).containsExactly("p2", "p1");
    assertThat(projection.page(null, JobState.QUEUED, null, 100)).hasSize(10);
    assertThat(projection.page(null, JobState.SUCCEEDED, null, 100)).isEmpty();
  }

  @Test
  void eachTenantsUnfinishedJobsAreCountedAsEventsArrive() {
    JobEvent a = JobEvent.queued(new JobEnvelope(1, "a", ProbeJob.TYPE, Instant.ofEpochSecond(1),
        Json.MAPPER.createObjectNode(), null, "acme"));
    JobEvent b = JobEvent.queued(new JobEnvelope(1, "b", ProbeJob.TYPE, Instant.ofEpochSecond(2),
        Json.MAPPER.createObjectNode(), null, "acme"));
    projection.applyRead(a, 1);
    projection.applyRead(b, 2);
    projection.applyRead(queued("c", ProbeJob.TYPE, 3), 3);
    assertThat(projection.unfinished("acme")).isEqualTo(2);
    assertThat(projection.unfinished(JobEvent.DEFAULT_TENANT)).isEqualTo(1);
    assertThat(projection.unfinished("nobody")).isZero();

    JobEvent running = a.next(JobEventType.STARTED, JobState.RUNNING, "w");
    projection.applyOwn(running, 5);
    projection.applyRead(running, 5); // the reader reaches the own write: still one job, still unfinished
    assertThat(projection.unfinished("acme")).isEqualTo(2);
    projection.applyRead(running.next(JobEventType.SUCCEEDED, JobState.SUCCEEDED, "w"), 6);
    assertThat(projection.unfinished("acme")).isEqualTo(1);
    projection.applyRead(running.next(JobEventType.PROGRESS, JobState.RUNNING, "late-worker"), 7);
    assertThat(projection.unfinished("acme")).as("a late event does not reopen a finished job").isEqualTo(1);

    projection.applyRecord(new ConsumerRecord<>("events", 0, 8, "b", null)); // b removed (retention's tombstone)
    projection.applyRecord(new ConsumerRecord<>("events", 0, 9, "a", null));
    assertThat(projection.unfinished("acme")).isZero();
    assertThat(projection.unfinished(JobEvent.DEFAULT_TENANT)).isEqualTo(1);
  }

  @Test
  void aQueuedJobsPlaceCountsTheQueuedJobsOfItsTypeSubmittedBeforeIt() {
    for (int i = 0; i < 4; i++) {
      projection.applyRead(queued("p" + i, ProbeJob.TYPE, 100 + i), i);
    }
    projection.applyRead(queued("t0", TrainJob.TYPE, 99), 10);
    assertThat(projection.queuedBefore(projection.get("p3").orElseThrow(), 100)).isEqualTo(3);
    assertThat(projection.queuedBefore(projection.get("p3").orElseThrow(), 2)).isEqualTo(2);
    JobEvent p1 = projection.get("p1").orElseThrow();
    projection.applyRead(p1.next(JobEventType.STARTED, JobState.RUNNING, "w"), 11);
    assertThat(projection.queuedBefore(projection.get("p3").orElseThrow(), 100)).as("p1 left the queue").isEqualTo(2);
    assertThat(projection.queuedBefore(projection.get("p0").orElseThrow(), 100)).isZero();
    assertThat(projection.queuedBefore(projection.get("t0").orElseThrow(), 100)).isZero();
  }

  @Test
  void aSubscriberHearsOnlyItsOwnJobUntilItUnsubscribes() throws Exception {
    List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    AutoCloseable subscription = projection.subscribe("a",
        job -> heard.add(job.jobId() + ":" + job.state().wireName()));
    JobEvent a = queued("a", ProbeJob.TYPE, 1);
    projection.applyRead(a, 1);
    projection.applyRead(queued("b", ProbeJob.TYPE, 2), 2);
    projection.applyOwn(a.next(JobEventType.STARTED, JobState.RUNNING, "w"), 3);
    assertThat(heard).containsExactly("a:queued", "a:running");
    subscription.close();
    projection.applyRead(a.next(JobEventType.SUCCEEDED, JobState.SUCCEEDED, "w"), 4);
    assertThat(heard).hasSize(2);
  }

  @Test
  void aJobWithoutATypeIsCountedButHasNoPlaceInLine() {
    JobEvent untyped = new JobEvent(JobEvent.SCHEMA_VERSION, "e", JobEventType.QUEUED, "x", null, JobState.QUEUED,
        Instant.ofEpochSecond(1), Instant.ofEpochSecond(1), 0, null, false, null, null, null, null);
    projection.applyRead(untyped, 1);
    assertThat(projection.queuedBefore(untyped, 10)).isZero();
    assertThat(projection.unfinished(JobEvent.DEFAULT_TENANT)).isEqualTo(1);
  }
}
