package io.funit.common.worker;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.contract.InvalidRequestException;
import io.funit.common.contract.JobEnvelope;
import io.funit.common.contract.JobError;
import io.funit.common.contract.JobEvent;
import io.funit.common.contract.JobEventType;
import io.funit.common.contract.JobRequest;
import io.funit.common.contract.JobRequests;
import io.funit.common.contract.JobState;
import io.funit.common.json.Json;
import io.funit.common.kafka.JobEventPublisher;
import io.funit.common.kafka.JobStateProjection;
import io.funit.common.kafka.Topics;
import io.funit.common.logging.JobMdc;
import io.funit.common.metrics.JobMetrics;
import io.funit.common.storage.StorageUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one work record to an outcome: the job's state machine on the worker side. It publishes the job's
 * events and decides whether the record may be committed (the job reached a terminal state) or must be handed
 * back to Kafka (the worker is stopping). See docs/architecture.md, "The life of a job".
 */
final class JobExecution<R extends JobRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(JobExecution.class);
  /** The gateway writes the queued event before the work record; give the projection this long to see it. */
  private static final Duration QUEUED_EVENT_WAIT = Duration.ofSeconds(10);

  enum Outcome { COMMIT, HAND_BACK }

  private final JobHandler<R> handler;
  private final WorkerSettings settings;
  private final JobStateProjection projection;
  private final JobEventPublisher events;
  private final DeadLetterWriter deadLetters;
  private final Topics topics;
  private final JobMetrics metrics;
  /** The slot's label in metrics ({@code <type>-<index>}), given to the handler through its context. */
  private final String slot;

  JobExecution(JobHandler<R> handler, WorkerSettings settings, JobStateProjection projection,
      JobEventPublisher events, DeadLetterWriter deadLetters, Topics topics, JobMetrics metrics, String slot) {
    this.handler = handler;
    this.settings = settings;
    this.projection = projection;
    this.events = events;
    this.deadLetters = deadLetters;
    this.topics = topics;
    this.metrics = metrics;
    this.slot = slot;
  }

  Outcome run(ConsumerRecord<String, String> record, StopSignal stop) throws InterruptedException {
    if (!projection.healthy()) {
      // without current job state a redelivered job could run twice or miss its cancel: give the record back
      throw new IllegalStateException("job state projection is not following the job-event topic");
    }
    JobEnvelope envelope;
    try {
      envelope = Json.MAPPER.readValue(record.value(), JobEnvelope.class);
      if (envelope.type() != handler.type()) {
        throw new InvalidRequestException("type", "a " + envelope.type().wireName() + " job on the "
            + handler.type().wireName() + " topic");
      }
    } catch (Exception e) {
      // tier: poison message. It can never be read, so retrying is pointless
      return rejectUnreadable(record, e);
    }
    JobEvent job = projection.await(envelope.jobId(), QUEUED_EVENT_WAIT).orElseGet(() -> JobEvent.queued(envelope));
    try (JobMdc.Scope scope = JobMdc.open(job.jobId(), handler.type().wireName(), job.attempt(),
        settings.workerId())) {
      return run(record, job, envelope, stop);
    }
  }

  private Outcome run(ConsumerRecord<String, String> record, JobEvent job, JobEnvelope envelope, StopSignal stop)
      throws InterruptedException {
    if (job.state().terminal()) {
      // a redelivery of a finished job (its worker died between the final event and the commit): already done
      LOG.info("job {} is already {}, skipping the redelivered record", job.jobId(), job.state().wireName());
      return Outcome.COMMIT;
    }
    R request;
    try {
      request = JobRequests.parse(handler.requestClass(), envelope.request());
    } catch (InvalidRequestException e) {
      return fail(record, job, "invalid_request", e.getMessage());
    }
    return attempts(record, job, request, envelope.attachments(), stop);
  }

  private Outcome attempts(ConsumerRecord<String, String> record, JobEvent job, R request,
      Map<String, byte[]> attachments, StopSignal stop) throws InterruptedException {
    int attempt = job.attempt();
    while (true) {
      JobEvent latest = latest(job);
      if (latest.state().terminal()) {
        return Outcome.COMMIT;
      }
      if (latest.cancelRequested()) {
        return finish(latest.next(JobEventType.CANCELED, JobState.CANCELED, settings.workerId()));
      }
      attempt++;
      if (attempt > settings.maxAttempts()) {
        return fail(record, latest, "attempts_exhausted", "gave up after " + settings.maxAttempts()
            + " attempts; last error: " + (latest.error() == null ? "the worker stopped without a report" : latest.error().message()));
      }
      // a job waiting in the queue (first run or handed back) has waited since its last event; a crashed run's
      // redelivery has not been waiting in the queue all that time
      Duration queueWait = latest.state() == JobState.QUEUED ? Duration.between(latest.updatedAt(), Instant.now()) : null;
      JobEvent started = events.publishAndWait(latest.next(JobEventType.STARTED, JobState.RUNNING, settings.workerId())
          .withAttempt(attempt).withError(null));
      metrics.runStarted(handler.type(), queueWait);
      long startNanos = System.nanoTime();
      Run run = null;
      try (JobMdc.Scope scope = JobMdc.open(job.jobId(), handler.type().wireName(), attempt, settings.workerId())) {
        LOG.atLevel(runLogLevel()).log("job {} attempt {} started{}", job.jobId(), attempt,
            queueWait == null ? "" : " after " + queueWait.toMillis() + " ms in the queue");
        run = attempt(record, started, request, attachments, stop);
        LOG.atLevel(runLogLevel()).log("job {} attempt {} ended: {} after {} ms", job.jobId(), attempt,
            run.ended().label(), (System.nanoTime() - startNanos) / 1_000_000);
      } finally {
        // every started run ends once in the metrics, also when its end could not be published (ERROR)
        metrics.runEnded(handler.type(), run == null ? JobMetrics.Outcome.ERROR : run.ended(),
            Duration.ofNanos(System.nanoTime() - startNanos));
      }
      if (run.outcome() != null) {
        return run.outcome();
      }
      job = run.retrying();
      if (!waitBeforeRetry(attempt, stop)) {
        return stopped(job, stop);
      }
    }
  }

  /** Runs of short jobs that a slot runs many at once (translations) would flood the log at INFO. */
  private org.slf4j.event.Level runLogLevel() {
    return handler.maxInFlight() > 1 ? org.slf4j.event.Level.DEBUG : org.slf4j.event.Level.INFO;
  }

  /**
   * How one run ended: with the record's outcome, or (outcome null) with the retrying event after which the job
   * runs again.
   */
  private record Run(JobMetrics.Outcome ended, Outcome outcome, JobEvent retrying) {}

  private Run attempt(ConsumerRecord<String, String> record, JobEvent started, R request,
      Map<String, byte[]> attachments, StopSignal stop) {
    int attempt = started.attempt();
    RunningJobContext context = new RunningJobContext(started, settings.workerId(), slot, stop, projection, events,
        settings.progressInterval(), attachments);
    JsonNode result;
    try {
      result = Json.MAPPER.valueToTree(handler.handle(request, context));
    } catch (JobStoppedException e) {
      if (e.superseded()) {
        // another worker runs a newer attempt: its events and outputs are the job's now; write nothing
        LOG.info("job {} attempt {} stops: {}", started.jobId(), attempt, e.getMessage());
        return new Run(JobMetrics.Outcome.SUPERSEDED, Outcome.HAND_BACK, null);
      }
      return stoppedRun(started, stop);
    } catch (InvalidJobException | InvalidRequestException e) {
      // tier: the job itself is wrong; no retry can fix it
      return new Run(JobMetrics.Outcome.FAILED, fail(record, latest(started), "invalid_request", e.getMessage()),
          null);
    } catch (Exception e) {
      // tier: anything else may pass on a later attempt, up to maxAttempts
      if (stop.handedBack()) {
        return stoppedRun(started, stop);
      }
      if (StorageUnavailableException.in(e)) {
        return storeUnavailable(started, e);
      }
      LOG.warn("job {} attempt {} failed: {}", started.jobId(), attempt, e.toString());
      LOG.debug("job {} attempt {} failure", started.jobId(), attempt, e); // the stack, for operators who ask
      if (attempt >= settings.maxAttempts()) {
        return new Run(JobMetrics.Outcome.FAILED, fail(record, latest(started), "attempts_exhausted",
            "gave up after " + attempt + " attempts: " + e), null);
      }
      return new Run(JobMetrics.Outcome.RETRIED, null, events.publishAndWait(latest(started)
          .next(JobEventType.RETRYING, JobState.RUNNING, settings.workerId())
          .withError(new JobError("handler_failed", e.toString(), false))));
    }
    // outside the try: a failed publish must not count as a handler failure and run the job again
    return new Run(JobMetrics.Outcome.SUCCEEDED, finish(latest(started).next(JobEventType.SUCCEEDED,
        JobState.SUCCEEDED, settings.workerId()).withResult(result)), null);
  }

  /**
   * The object store is down or full, not the job wrong: back to the queue with its attempt given back and the
   * record left uncommitted, and the slot pauses before it takes records again (JobSlot), so a storage outage of any
   * length costs no job its attempts. A store that refuses the request itself (4xx) is a job failure as before.
   */
  private Run storeUnavailable(JobEvent started, Exception e) {
    LOG.warn("job {} attempt {} waits for the object store: {}", started.jobId(), started.attempt(), e.toString());
    publishUnlessFinished(latest(started).next(JobEventType.REQUEUED, JobState.QUEUED, settings.workerId())
        .withAttempt(Math.max(0, started.attempt() - 1))
        .withError(new JobError("storage_unavailable", e.toString(), false)));
    return new Run(JobMetrics.Outcome.HANDED_BACK, Outcome.HAND_BACK, null);
  }

  private Run stoppedRun(JobEvent started, StopSignal stop) {
    return new Run(stop.handedBack() ? JobMetrics.Outcome.HANDED_BACK : JobMetrics.Outcome.CANCELED,
        stopped(started, stop), null);
  }

  private boolean waitBeforeRetry(int attempt, StopSignal stop) throws InterruptedException {
    long deadline = System.nanoTime() + settings.backoff(attempt).toNanos();
    while (System.nanoTime() < deadline) {
      if (stop.handedBack()) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  private Outcome stopped(JobEvent job, StopSignal stop) {
    JobEvent latest = latest(job);
    if (stop.handedBack()) {
      // shutdown or rebalance: back to the queue; the record stays uncommitted and goes to another worker. A hand-back
      // is not a failure, so it gives its attempt back: only crashes and failures count towards maxAttempts
      publishUnlessFinished(latest.next(JobEventType.REQUEUED, JobState.QUEUED, settings.workerId())
          .withAttempt(Math.max(0, latest.attempt() - 1)));
      return Outcome.HAND_BACK;
    }
    return finish(latest.next(JobEventType.CANCELED, JobState.CANCELED, settings.workerId()));
  }

  private Outcome fail(ConsumerRecord<String, String> record, JobEvent job, String code, String message) {
    deadLetters.send(topics.deadLetter(handler.type()), record, code, message);
    return finish(latest(job).next(JobEventType.FAILED, JobState.FAILED, settings.workerId())
        .withError(new JobError(code, message, true)));
  }

  private Outcome rejectUnreadable(ConsumerRecord<String, String> record, Exception cause) {
    String message = "unreadable work record: " + cause.getMessage();
    LOG.warn("dead-lettering record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), message);
    deadLetters.send(topics.deadLetter(handler.type()), record, "unreadable_record", message);
    if (record.key() != null && !record.key().isBlank()) {
      JobEvent known = projection.get(record.key()).orElseGet(() -> new JobEvent(JobEvent.SCHEMA_VERSION, "",
          JobEventType.QUEUED, record.key(), handler.type(), JobState.QUEUED, Instant.ofEpochMilli(record.timestamp()),
          Instant.ofEpochMilli(record.timestamp()), 0, null, false, null, null, null, null));
      finish(known.next(JobEventType.FAILED, JobState.FAILED, settings.workerId())
          .withError(new JobError("unreadable_record", message, true)));
    }
    return Outcome.COMMIT;
  }

  private Outcome finish(JobEvent terminal) {
    publishUnlessFinished(terminal);
    return Outcome.COMMIT;
  }

  /** Another writer may have ended the job meanwhile (e.g. a cancel of a queued job): terminal is final. */
  private void publishUnlessFinished(JobEvent event) {
    if (projection.get(event.jobId()).map(j -> !j.state().terminal()).orElse(true)) {
      events.publishAndWait(event);
    }
  }

  /** The projection's view includes changes made by others (a cancel request) since {@code job} was written. */
  private JobEvent latest(JobEvent job) {
    return projection.get(job.jobId()).orElse(job);
  }
}
