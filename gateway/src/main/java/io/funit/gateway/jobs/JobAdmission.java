package io.funit.gateway.jobs;

import io.funit.common.contract.JobEvent;
import io.funit.common.contract.JobRequest;
import io.funit.common.contract.JobType;
import io.funit.common.jobs.AdmissionContext;
import io.funit.common.jobs.JobConflictException;
import io.funit.common.jobs.JobDescriptor;
import io.funit.gateway.http.HttpJson;
import io.funit.gateway.problem.Problem;
import io.funit.gateway.problem.ProblemException;
import io.funit.gateway.tenants.Ownership;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;

/**
 * The one way a job gets in, whichever route it came through ({@code POST /v1/jobs/{type}} or its feature route):
 * the type is enabled, everything the request names is the caller's to use, the type's descriptor admits it against
 * stored state, and then it is enqueued. Feature routes add only what their transport needs (uploads, form fields).
 */
public final class JobAdmission {
  private final JobSubmitter submitter;
  private final Ownership owners;
  private final AdmissionContext context;
  private final Set<JobType> enabledTypes;

  public JobAdmission(JobSubmitter submitter, Ownership owners, AdmissionContext context, Set<JobType> enabledTypes) {
    this.submitter = submitter;
    this.owners = owners;
    this.context = context;
    this.enabledTypes = Set.copyOf(enabledTypes);
  }

  /** The handler of the quota and webhook fields, to put after a job-creating route's body handler. */
  public Handler<RoutingContext> fields() {
    return submitter.admission();
  }

  /** A handler that refuses a disabled type before the body is read (a large upload is not even received). */
  public Handler<RoutingContext> enabled(JobType type) {
    return ctx -> {
      requireEnabled(type);
      ctx.next();
    };
  }

  /** A 501 for a type this deployment has no workers for (FUNIT_JOB_TYPES). */
  public void requireEnabled(JobType type) {
    if (!enabledTypes.contains(type)) {
      throw new ProblemException(Problem.of(501, "job-type-disabled", "Job type not enabled", "this deployment "
          + "does not accept " + type.wireName() + " jobs (enabled: " + enabledTypes.stream().map(JobType::wireName)
          .sorted().toList() + "; see FUNIT_JOB_TYPES)").withField("type"));
    }
  }

  /**
   * Refuses (400 naming the field) a request that names something the caller may not use, as if it did not exist:
   * for a route that reads what a request names before {@link #admit} (which checks this again).
   */
  public <R extends JobRequest> void requireVisible(RoutingContext ctx, JobDescriptor<R> type, R request,
      String jobId) {
    owners.requireVisible(ctx, type.references(request), jobId);
  }

  /**
   * Admits and enqueues a request under {@code jobId}. Blocks: call it off the event loop.
   *
   * @param noun how problems name the job ("the translation could not be enqueued")
   * @return the queued event
   * @throws ProblemException 400 for a reference the caller may not use or a request the type refuses, 409 for a
   *     conflict with stored state, 501 for a disabled type, 503 when Kafka does not take the job
   */
  public <R extends JobRequest> JobEvent admit(RoutingContext ctx, JobDescriptor<R> type, R request, String jobId,
      String noun) {
    return admit(ctx, type, request, jobId, noun, admitted -> { });
  }

  /**
   * {@link #admit(RoutingContext, JobDescriptor, JobRequest, String, String)} with a check of the route's own, run on
   * the admitted request once the references are known to be the caller's, before it is enqueued (e.g. the
   * gateway's limit on the size of stored images).
   */
  public <R extends JobRequest> JobEvent admit(RoutingContext ctx, JobDescriptor<R> type, R request, String jobId,
      String noun, java.util.function.Consumer<R> routeCheck) {
    return admit(ctx, type, request, jobId, noun, routeCheck, Map.of());
  }

  /**
   * {@link #admit(RoutingContext, JobDescriptor, JobRequest, String, String)} of a request whose work record carries
   * the objects it names at {@code attachments}' keys (a small upload), instead of the store: the descriptor
   * finds them there, and the worker reads them from the record.
   */
  public <R extends JobRequest> JobEvent admit(RoutingContext ctx, JobDescriptor<R> type, R request, String jobId,
      String noun, Map<String, byte[]> attachments) {
    return admit(ctx, type, request, jobId, noun, admitted -> { }, attachments);
  }

  private <R extends JobRequest> JobEvent admit(RoutingContext ctx, JobDescriptor<R> type, R request, String jobId,
      String noun, java.util.function.Consumer<R> routeCheck, Map<String, byte[]> attachments) {
    requireEnabled(type.type());
    owners.requireVisible(ctx, type.references(request), jobId);
    R admitted;
    AdmissionContext admission = attachments.isEmpty() ? context : context.attaching(attachments.keySet());
    try {
      admitted = HttpJson.parse(() -> type.admit(request, admission));
    } catch (JobConflictException e) {
      throw ProblemException.conflict(e.getMessage());
    }
    routeCheck.accept(admitted);
    try {
      return submitter.submit(type.type(), admitted, jobId, ctx, attachments).join();
    } catch (RuntimeException e) {
      throw ProblemException.unavailable("the " + noun + " could not be enqueued: " + reason(e));
    }
  }

  /** The message of what failed, not of the CompletionException that join() wraps it in. */
  static String reason(Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    return cause.getMessage();
  }
}
