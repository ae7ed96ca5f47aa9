package io.funit.gateway.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.contract.JobEnvelope;
import io.funit.common.contract.JobError;
import io.funit.common.contract.JobEvent;
import io.funit.common.contract.JobEventType;
import io.funit.common.contract.JobRequest;
import io.funit.common.contract.JobState;
import io.funit.common.contract.JobType;
import io.funit.common.contract.WebhookTarget;
import io.funit.common.json.Json;
import io.funit.common.kafka.JobEventPublisher;
import io.funit.common.kafka.Topics;
import io.funit.gateway.auth.Principal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Enqueues validated jobs: the queued event (so the job is visible and workers can find its state) and the work
 * record, sent together, without waiting for the first's acknowledgement. A worker that reads the work record before
 * its view holds the queued event waits for it (JobExecution). If the work record cannot be written, the job is
 * marked failed rather than left queued forever; if only the queued event failed, the job is enqueued and runs
 * (its worker builds the queued state from the work record), so the caller is told it was accepted.
 */
public final class JobSubmitter {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JobSubmitter.class);
  private static final String WRITER = "gateway";
  private final Producer<String, String> producer;
  private final Topics topics;
  private final JobEventPublisher events;
  private final io.funit.gateway.webhooks.WebhookFields webhookFields;
  private final ActiveJobQuota quota;
  private final MeterRegistry metrics;
  public JobSubmitter(Producer<String, String> producer, Topics topics, JobEventPublisher events,
      io.funit.gateway.webhooks.WebhookFields webhookFields, ActiveJobQuota quota,
      MeterRegistry metrics) {
    this.producer = producer;
    this.topics = topics;
    this.events = events;
    this.webhookFields = webhookFields;
    this.quota = quota;
    this.metrics = metrics;
    for (JobType type : io.funit.common.jobs.JobDescriptors.types()) {
      submitted(type); // every type's series from the start, at 0
    }
  }

  /** Jobs this gateway enqueued (their work record written), by type. */
  private Counter submitted(JobType type) {
    return Counter.builder("funit.jobs.submitted")
        .description("Jobs this gateway enqueued, by type").tag("type", type.wireName()).register(metrics);
  }

  /**
   * The handler every job-creating route puts after its body handler: it refuses the request when the caller's
   * tenant has too many unfinished jobs ({@link ActiveJobQuota}), then reads and checks the {@code webhook} and
   * {@code webhook_events} fields; the route passes its context to {@link #submit(JobType, JobRequest, String,
   * RoutingContext)}, which takes both the webhook and the tenant from it.
   */
  public Handler<RoutingContext> admission() {
    return ctx -> {
      quota.check(ctx);
      webhookFields.handle(ctx);
    };
  }

  /** Submits a job of the request's tenant, with the webhook {@link #admission()} read. */
  public CompletableFuture<JobEvent> submit(JobType type, JobRequest request, String jobId, RoutingContext ctx) {
    return submit(type, request, jobId, ctx, Map.of());
  }

  /** As above, with objects the request names carried in the work record ({@link JobEnvelope#attachments()}). */
  public CompletableFuture<JobEvent> submit(JobType type, JobRequest request, String jobId, RoutingContext ctx,
      Map<String, byte[]> attachments) {
    return submit(type, request, jobId, io.funit.gateway.webhooks.WebhookFields.target(ctx),
        Principal.of(ctx).tenant(), attachments);
  }

  /**
   * Submits under an id chosen by the caller (uploads store their inputs under it first), with the job's webhook
   * (null for none), owned by {@code tenant} (null: default).
   */
  public CompletableFuture<JobEvent> submit(JobType type, JobRequest request, String jobId, WebhookTarget webhook,
      String tenant) {
    return submit(type, request, jobId, webhook, tenant, Map.of());
  }

  private CompletableFuture<JobEvent> submit(JobType type, JobRequest request, String jobId, WebhookTarget webhook,
      String tenant, Map<String, byte[]> attachments) {
    JsonNode normalized = Json.MAPPER.valueToTree(request);
    // microseconds: the API shows and lists by this time, and a cursor must round-trip it exactly
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    JobEnvelope envelope = JobEnvelope.of(jobId, type, now, normalized, webhook, tenant, attachments);
    JobEvent queued = JobEvent.queued(envelope);
    // both sends before either acknowledgement: they usually travel in one produce request, and the caller waits
    // for one round trip to Kafka instead of two
    CompletableFuture<JobEvent> event = events.publish(queued);
    CompletableFuture<Void> record = sendWorkRecord(envelope);
    return record.handle((ok, recordError) -> recordError).thenCombine(
        event.handle((ok, eventError) -> eventError), (recordError, eventError) -> {
          if (recordError != null) {
            // not on the producer's I/O thread, which may complete these: a send from it would wait for metadata
            // that only it can fetch
            CompletableFuture.runAsync(() -> markFailed(queued, recordError));
            throw new CompletionException(recordError);
          }
          if (eventError != null) {
            LOG.warn("job {} is enqueued but its queued event was not written ({}); its worker writes its state",
                queued.jobId(), eventError.toString());
          }
          submitted(envelope.type()).increment();
          return queued;
        });
  }

  private CompletableFuture<Void> sendWorkRecord(JobEnvelope envelope) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      producer.send(new ProducerRecord<>(topics.work(envelope.type()), envelope.jobId(), Json.write(envelope)),
          (metadata, error) -> {
            if (error == null) {
              done.complete(null);
            } else {
              done.completeExceptionally(error);
            }
          });
    } catch (RuntimeException e) {
      // send can throw instead of calling back (producer closed, record too large)
      done.completeExceptionally(e);
    }
    return done;
  }

  /** The job has no work record: it must not stay queued forever. */
  private void markFailed(JobEvent queued, Throwable error) {
    events.publish(queued.next(JobEventType.FAILED, JobState.FAILED, WRITER)
        .withError(new JobError("enqueue_failed", error.toString(), false)))
        .whenComplete((event, failure) -> {
          if (failure != null) {
            LOG.error("job {} has no work record and could not be marked failed: {}", queued.jobId(), failure.toString());
          }
        });
  }

  /** Cancels a job: a queued job ends at once; a running job is asked to stop and its worker ends it. */
  public CompletableFuture<JobEvent> cancel(JobEvent job) {
    JobEvent next = job.state() == JobState.QUEUED
        ? job.next(JobEventType.CANCELED, JobState.CANCELED, WRITER)
        : job.next(JobEventType.CANCEL_REQUESTED, job.state(), WRITER).withCancelRequested(true);
    return events.publish(next);
  }
}
