package io.funit.gateway.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.contract.JobError;
import io.funit.common.contract.JobEvent;
import io.funit.common.contract.JobState;
import io.funit.common.contract.JobType;
import io.funit.common.contract.Progress;
import java.time.Instant;

/** A job as the API shows it. */
public record JobView(String id, JobType type, JobState state, Instant createdAt, Instant updatedAt, int attempt,
    Progress progress, boolean cancelRequested, JsonNode request, JsonNode result, JobError error, String workerId,
    Integer queuePosition, Double etaSeconds, Links links) {

  /** Where to go next. */
  public record Links(String self, String cancel) {}

  public static JobView of(JobEvent job) {
    return of(job, null);
  }

  /** With the queue position and ETA of a queued job ({@code estimate} null: not shown). */
  public static JobView of(JobEvent job, QueueEstimates.Estimate estimate) {
    String self = "/v1/jobs/" + job.jobId();
    return new JobView(job.jobId(), job.type(), job.state(), job.createdAt(), job.updatedAt(), job.attempt(),
        job.progress(), job.cancelRequested(), job.request(), job.result(), job.error(), job.workerId(),
        estimate == null ? null : estimate.position(), estimate == null ? null : estimate.etaSeconds(),
        new Links(self, job.state().terminal() ? null : self + "/cancel"));
  }
}
