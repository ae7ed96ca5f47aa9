package io.funit.common.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The record on a work topic, keyed by job id: everything a worker needs to run the job.
 * The request stays a JSON tree here because the topic is shared by versions; the worker turns it into the
 * typed request of its {@link JobType} with {@link JobRequests#parse}. {@code webhook} (optional) is where the
 * job's webhook goes; workers ignore it, the queued event takes it from here. {@code tenant} (optional) is the
 * submitting tenant, for the same reason; a record without it is of tenant {@link JobEvent#DEFAULT_TENANT}.
 *
 * <p>{@code attachments} (optional, schema version 2) are objects the request names by key that travel in the
 * record instead of the object store: a small upload saves its round trips to the store on both sides (issue 24).
 * The record is as durable as the job itself (a redelivery carries them again); they are never copied into job
 * events, so the job-state projections do not hold them. A worker of schema version 1 refuses such a record rather
 * than look for the objects in the store.
 */
public record JobEnvelope(int schemaVersion, String jobId, JobType type, Instant createdAt, JsonNode request,
    WebhookTarget webhook, String tenant, Map<String, byte[]> attachments) {
  public static final int SCHEMA_VERSION = 2;
  /** The version of a record without attachments, which every worker reads. */
  public static final int PLAIN_SCHEMA_VERSION = 1;

  public JobEnvelope {
    Objects.requireNonNull(jobId, "job_id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(createdAt, "created_at");
    Objects.requireNonNull(request, "request");
    if (schemaVersion < 1 || schemaVersion > SCHEMA_VERSION) {
      throw new InvalidRequestException("schema_version", "unsupported schema version " + schemaVersion
          + " (this build reads up to " + SCHEMA_VERSION + ")");
    }
    attachments = attachments == null ? Map.of() : Map.copyOf(attachments);
  }

  /** A work record without attachments. */
  public JobEnvelope(int schemaVersion, String jobId, JobType type, Instant createdAt, JsonNode request,
      WebhookTarget webhook, String tenant) {
    this(schemaVersion, jobId, type, createdAt, request, webhook, tenant, null);
  }

  /** The record to write: version 1 unless it has attachments, so workers of either version read it. */
  public static JobEnvelope of(String jobId, JobType type, Instant createdAt, JsonNode request, WebhookTarget webhook,
      String tenant, Map<String, byte[]> attachments) {
    boolean attached = attachments != null && !attachments.isEmpty();
    return new JobEnvelope(attached ? SCHEMA_VERSION : PLAIN_SCHEMA_VERSION, jobId, type, createdAt, request,
        webhook, tenant, attachments);
  }

  /** A work record of a job without a tenant. */
  public JobEnvelope(int schemaVersion, String jobId, JobType type, Instant createdAt, JsonNode request,
      WebhookTarget webhook) {
    this(schemaVersion, jobId, type, createdAt, request, webhook, null);
  }

  /** A work record of a job without a webhook. */
  public JobEnvelope(int schemaVersion, String jobId, JobType type, Instant createdAt, JsonNode request) {
    this(schemaVersion, jobId, type, createdAt, request, null, null);
  }
}
