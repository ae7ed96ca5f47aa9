package io.funit.common.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * The record on a work topic, keyed by job id: everything a worker needs to run the job.
 * The request stays a JSON tree here because the topic is shared by versions; the worker turns it into the
 * typed request of its {@link JobType} with {@link JobRequests#parse}. {@code webhook} (optional) is where the
 * job's webhook goes; workers ignore it, the queued event takes it from here. {@code tenant} (optional) is the
 * submitting tenant, for the same reason; a record without it is of tenant {@link JobEvent#DEFAULT_TENANT}.
 */
public record JobEnvelope(int schemaVersion, String jobId, JobType type, Instant createdAt, JsonNode request,
    WebhookTarget webhook, String tenant) {
  public static final int SCHEMA_VERSION = 1;

  public JobEnvelope {
    Objects.requireNonNull(jobId, "job_id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(createdAt, "created_at");
    Objects.requireNonNull(request, "request");
    if (schemaVersion < 1 || schemaVersion > SCHEMA_VERSION) {
      throw new InvalidRequestException("schema_version", "unsupported schema version " + schemaVersion
          + " (this build reads up to " + SCHEMA_VERSION + ")");
    }
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
