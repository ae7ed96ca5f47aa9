package io.funit.gateway.jobs;

import io.funit.common.contract.InvalidRequestException;
import io.funit.common.contract.JobEvent;
import io.funit.common.contract.JobRequest;
import io.funit.common.contract.JobRequests;
import io.funit.common.contract.JobType;
import io.funit.common.jobs.JobDescriptor;
import io.funit.common.jobs.JobDescriptors;
import io.funit.common.kafka.JobStateProjection;
import io.funit.gateway.http.HttpJson;
import io.funit.gateway.problem.ProblemException;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;

/** The generic job API: submit, read, list and cancel jobs of any enabled type. */
public final class JobRoutes {
  private final Vertx vertx;
  private final JobSubmitter submitter;
  private final JobStateProjection jobs;
  private final QueueEstimates queue;
  private final JobsOfType anyJobs;
  private final JobAdmission admission;
  private final long maxBodyBytes;

  public JobRoutes(Vertx vertx, JobSubmitter submitter, JobStateProjection jobs, JobAdmission admission,
      long maxBodyBytes) {
    this.vertx = vertx;
    this.admission = admission;
    this.submitter = submitter;
    this.jobs = jobs;
    this.queue = new QueueEstimates(jobs);
    this.anyJobs = new JobsOfType(vertx, jobs, submitter, null, "job");
    this.maxBodyBytes = maxBodyBytes;
  }

  public void mount(Router router) {
    // JSON only: no file uploads land on disk through this route
    router.post("/v1/jobs/:type").handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
        .handler(submitter.admission()).handler(this::submit);
    router.get("/v1/jobs/:id").handler(this::get);
    router.get("/v1/jobs").handler(this::list);
    router.post("/v1/jobs/:id/cancel").handler(ctx -> anyJobs.cancel(ctx, JobView::of));
  }

  private void submit(RoutingContext ctx) {
    submit(ctx, JobDescriptors.of(jobType(ctx.pathParam("type"))));
  }

  /** The same admission as the type's feature route: references, the descriptor's checks, then the queue. */
  private <R extends JobRequest> void submit(RoutingContext ctx, JobDescriptor<R> type) {
    R request = JobRequests.parse(type.requestClass(), HttpJson.body(ctx));
    // off the event loop: the checks read the store, and a send may wait up to max.block.ms for topic metadata
    HttpJson.blocking(vertx, () -> admission.admit(ctx, type, request, java.util.UUID.randomUUID().toString(), "job"))
        .onSuccess(job -> {
          ctx.response().putHeader("Location", "/v1/jobs/" + job.jobId());
          HttpJson.write(ctx, 202, JobView.of(job));
        })
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    JobEvent job = anyJobs.find(ctx);
    HttpJson.write(ctx, 200, JobView.of(job, queue.of(job)));
  }

  private void list(RoutingContext ctx) {
    JobType type = ctx.queryParam("type").isEmpty() ? null
        : wire("type", () -> JobDescriptors.byWireName(ctx.queryParam("type").get(0)));
    JobListing page = JobListing.of(ctx, jobs, type);
    HttpJson.write(ctx, 200, new JobPage(page.items().stream().map(JobView::of).toList(), page.nextCursor()));
  }

  /** One page of a listing; {@code nextCursor} is absent on the last page. */
  public record JobPage(List<JobView> items, String nextCursor) {}

  private JobType jobType(String name) {
    JobType type = wire("type", () -> JobDescriptors.byWireName(name));
    admission.requireEnabled(type);
    return type;
  }

  private static <T> T wire(String field, java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (InvalidRequestException e) {
      throw ProblemException.badRequest(field, e.getMessage());
    }
  }

}
