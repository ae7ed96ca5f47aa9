package io.funit.gateway.jobs;

import io.funit.common.contract.JobEvent;
import io.funit.common.contract.JobType;
import io.funit.common.kafka.JobStateProjection;
import io.funit.gateway.http.HttpJson;
import io.funit.gateway.problem.ProblemException;
import io.funit.gateway.tenants.Ownership;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * The jobs one feature route owns (translations, trainings, ...), as the caller may see them: found by the path's
 * id, canceled, the same way for every feature, naming its own kind of job ("no training 42"). Jobs get in through
 * {@link JobAdmission}.
 */
public final class JobsOfType {
  private final Vertx vertx;
  private final JobStateProjection jobs;
  private final JobSubmitter submitter;
  private final JobType type;
  private final String noun;

  /**
   * @param type the only type these routes serve; null for the generic job routes, which serve every type
   * @param noun how problems name one such job, e.g. "training"
   */
  public JobsOfType(Vertx vertx, JobStateProjection jobs, JobSubmitter submitter, JobType type, String noun) {
    this.vertx = vertx;
    this.jobs = jobs;
    this.submitter = submitter;
    this.type = type;
    this.noun = noun;
  }

  /** The job of the path's {@code id}. */
  public JobEvent find(RoutingContext ctx) {
    return find(ctx, ctx.pathParam("id"));
  }

  /** Another type's or another tenant's job is a 404: it does not exist for this caller. */
  public JobEvent find(RoutingContext ctx, String id) {
    return jobs.get(id).filter(job -> type == null || job.type() == type).filter(Ownership.visible(ctx))
        .orElseThrow(() -> ProblemException.notFound("no " + noun + " " + id));
  }

  /** Records a cancel of the path's job and answers 202 with its new view; a job that has ended is a 409. */
  public void cancel(RoutingContext ctx, Function<JobEvent, Object> view) {
    JobEvent job = find(ctx);
    if (job.state().terminal()) {
      throw ProblemException.conflict(noun + " " + job.jobId() + " already " + job.state().wireName());
    }
    HttpJson.blocking(vertx, () -> submitter.cancel(job).join())
        .onSuccess(updated -> HttpJson.write(ctx, 202, view.apply(updated)))
        .onFailure(e -> ctx.fail(ProblemException.unavailable("the cancel could not be recorded: "
            + JobAdmission.reason(e))));
  }
}
