package io.funit.common.jobs;

import io.funit.common.contract.JobRequest;
import io.funit.common.contract.JobType;
import java.util.List;

/**
 * Everything about one job type that the gateway and the workers share: its wire name, its request record, its work
 * topic's partitions, what a request names that belongs to a tenant, and the checks against stored state that
 * admit a request. One class per type implements it, next to the type's request record, and registers itself with
 * {@code @AutoService(JobDescriptor.class)}; nothing else lists the types ({@link JobDescriptors} finds them). The
 * gateway's routes and views of the type, and the worker's handler, live in their deployables and name the
 * descriptor they serve (docs/architecture.md, "Adding a job type").
 *
 * @param <R> the type's request record
 */
public interface JobDescriptor<R extends JobRequest> {
  /** The type, made once with {@link JobType#named}. */
  JobType type();

  Class<R> requestClass();

  /** Partitions of the type's work topic: at most this many workers of the type run its jobs at once. */
  int workPartitions();

  /**
   * What the request names that some tenant owns (images, datasets, models, styles, earlier jobs, import prefixes):
   * the gateway refuses a request naming anything its caller may not see, for every type the same way.
   */
  List<JobReference> references(R request);

  /**
   * Checks the request against stored state, as the worker would, so that a request that cannot succeed is refused
   * with a 400 naming its field before anything is queued; returns the request to enqueue, which may be completed
   * (the default model filled in). Runs after {@link #references} were found visible. Blocks (store reads).
   *
   * @throws io.funit.common.contract.InvalidRequestException naming the field at fault
   * @throws JobConflictException when the request is valid but the state it names does not allow it yet
   */
  default R admit(R request, AdmissionContext context) {
    return request;
  }
}
