package io.funit.common.worker;

import io.funit.common.contract.JobRequest;
import io.funit.common.contract.JobType;
import io.funit.common.jobs.JobDescriptor;

/**
 * The job-specific part of a worker: turns one validated request into a result. The runtime owns everything
 * else (polling, commits, retries, dead letters, events, cancel). A handler gets its collaborators in its
 * constructor and keeps no per-job state in fields, so one instance serves every slot.
 *
 * <p>Failure tiers: throw {@link InvalidJobException} for a job that can never succeed (no retry, dead letter),
 * {@link RetryableJobException} or any other exception for one that may succeed later (bounded retries), and let
 * {@link JobStoppedException} from the context propagate.
 *
 * @param <R> the request record of the job type
 */
public interface JobHandler<R extends JobRequest> {
  /** The type this handler runs: its descriptor, the one place that says what the type is. */
  JobDescriptor<R> descriptor();

  default JobType type() {
    return descriptor().type();
  }

  default Class<R> requestClass() {
    return descriptor().requestClass();
  }

  /**
   * Runs the job. Writes go to keys derived from the job id ({@link JobContext#outputKey}), so a redelivered
   * job finds its earlier result instead of making a second one.
   *
   * @return the result, serialized into the succeeded event (a record)
   */
  Object handle(R request, JobContext context) throws Exception;

  /**
   * Jobs one slot runs at once. 1 for jobs that use the whole machine (trainings); more for short jobs that wait
   * on a shared resource (translations queue on one batcher, which needs many waiting jobs to form batches).
   */
  default int maxInFlight() {
    return 1;
  }

  /**
   * What must hold, besides Kafka and storage, before the worker reports ready (e.g. the translate worker's default
   * model is loaded). Checked off the job threads, at most every 2 s.
   */
  default java.util.List<io.funit.common.health.Readiness.Check> readinessChecks() {
    return java.util.List.of();
  }
}
