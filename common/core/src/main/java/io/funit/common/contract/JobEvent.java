package io.funit.common.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One change to a job, carrying the job's whole state after the change. The job-event topic is compacted by
 * job id, so the latest event alone must describe the job: that is why every event is a full snapshot.
 *
 * @param schemaVersion version of this record's layout
 * @param eventId unique per event (for de-duplication by event consumers such as webhooks)
 * @param event what happened
 * @param jobId the job
 * @param type the job type
 * @param state the state after this event
 * @param createdAt when the job was submitted
 * @param updatedAt when this event was written
 * @param attempt how many times a worker has started the job (0 while never started)
 * @param progress the latest progress, if any
 * @param cancelRequested a cancel was asked for and the worker has not yet stopped
 * @param request the validated request as submitted
 * @param result what a succeeded job produced (job-type specific)
 * @param error why the job failed, or why the last attempt failed while retrying
 * @param workerId the worker that wrote the event, if a worker did
 * @param webhook where the job's webhook goes, if it has one (set at submission, carried by every event)
 * @param tenant the tenant that submitted the job (set at submission, carried by every event); null on events
 *     written before tenants, whose jobs belong to {@link #DEFAULT_TENANT}
 */
public record JobEvent(int schemaVersion, String eventId, JobEventType event, String jobId, JobType type,
    JobState state, Instant createdAt, Instant updatedAt, int attempt, Progress progress, boolean cancelRequested,
    JsonNode request, JsonNode result, JobError error, String workerId, WebhookTarget webhook, String tenant) {
  public static final int SCHEMA_VERSION = 1;
  /** The tenant of jobs submitted before tenants existed, and of the deployment's own keys. */
  public static final String DEFAULT_TENANT = "default";

  public JobEvent {
    Objects.requireNonNull(jobId, "job_id");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(state, "state");
  }

  /** An event of a job without a tenant (the layout before tenants; older records read the same). */
  public JobEvent(int schemaVersion, String eventId, JobEventType event, String jobId, JobType type,
      JobState state, Instant createdAt, Instant updatedAt, int attempt, Progress progress, boolean cancelRequested,
      JsonNode request, JsonNode result, JobError error, String workerId, WebhookTarget webhook) {
    this(schemaVersion, eventId, event, jobId, type, state, createdAt, updatedAt, attempt, progress,
        cancelRequested, request, result, error, workerId, webhook, null);
  }

  /** An event of a job without a webhook (the layout before webhooks; older records read the same). */
  public JobEvent(int schemaVersion, String eventId, JobEventType event, String jobId, JobType type,
      JobState state, Instant createdAt, Instant updatedAt, int attempt, Progress progress, boolean cancelRequested,
      JsonNode request, JsonNode result, JobError error, String workerId) {
    this(schemaVersion, eventId, event, jobId, type, state, createdAt, updatedAt, attempt, progress,
        cancelRequested, request, result, error, workerId, null, null);
  }

  /** The tenant owning the job: {@link #DEFAULT_TENANT} for jobs from before tenants. */
  public String owner() {
    return tenant == null ? DEFAULT_TENANT : tenant;
  }

  /** The first event of a job, written by the gateway before the work record. */
  public static JobEvent queued(JobEnvelope envelope) {
    return new JobEvent(SCHEMA_VERSION, UUID.randomUUID().toString(), JobEventType.QUEUED, envelope.jobId(),
        envelope.type(), JobState.QUEUED, envelope.createdAt(), envelope.createdAt(), 0, null, false,
        envelope.request(), null, null, null, envelope.webhook(), envelope.tenant());
  }

  /** The next event: same job, a new event id and time, the given event type and state. */
  public JobEvent next(JobEventType nextEvent, JobState nextState, String writer) {
    return new JobEvent(SCHEMA_VERSION, UUID.randomUUID().toString(), nextEvent, jobId, type, nextState, createdAt,
        Instant.now(), attempt, progress, cancelRequested && !nextState.terminal(), request, result, error, writer, webhook, tenant);
  }

  public JobEvent withAttempt(int value) {
    return copy(c -> c.attempt = value);
  }

  public JobEvent withProgress(Progress value) {
    return copy(c -> c.progress = value);
  }

  public JobEvent withCancelRequested(boolean value) {
    return copy(c -> c.cancelRequested = value);
  }

  public JobEvent withResult(JsonNode value) {
    return copy(c -> c.result = value);
  }

  public JobEvent withError(JobError value) {
    return copy(c -> c.error = value);
  }

  /** This event with some of the components the {@code with} methods change, changed; the others kept. */
  private JobEvent copy(java.util.function.Consumer<Copy> change) {
    Copy copy = new Copy(this);
    change.accept(copy);
    return new JobEvent(schemaVersion, eventId, event, jobId, type, state, createdAt, updatedAt, copy.attempt,
        copy.progress, copy.cancelRequested, request, copy.result, copy.error, workerId, webhook, tenant);
  }

  /** The components the {@code with} methods change. */
  private static final class Copy {
    int attempt;
    Progress progress;
    boolean cancelRequested;
    JsonNode result;
    JobError error;

    Copy(JobEvent from) {
      attempt = from.attempt;
      progress = from.progress;
      cancelRequested = from.cancelRequested;
      result = from.result;
      error = from.error;
    }
  }
}
