package io.funit.gateway.jobs;

import io.funit.common.contract.InvalidRequestException;
import io.funit.common.contract.JobEvent;
import io.funit.common.contract.JobRequest;
import io.funit.common.contract.JobRequests;
import io.funit.common.contract.JobType;
import io.funit.common.kafka.JobStateProjection;
import io.funit.gateway.http.HttpJson;
import io.funit.gateway.problem.Problem;
import io.funit.gateway.problem.ProblemException;
import io.funit.gateway.tenants.Ownership;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** The generic job API: submit, read, list and cancel jobs of any enabled type. */
public final class JobRoutes {
  private final Vertx vertx;
  private final JobSubmitter submitter;
  private final JobStateProjection jobs;
  private final QueueEstimates queue;
  private final JobsOfType anyJobs;
  private final Ownership owners;
  private final Set<JobType> enabledTypes;
  private final long maxBodyBytes;

  public JobRoutes(Vertx vertx, JobSubmitter submitter, JobStateProjection jobs, Ownership owners,
      Set<JobType> enabledTypes, long maxBodyBytes) {
    this.vertx = vertx;
    this.owners = owners;
    this.submitter = submitter;
    this.jobs = jobs;
    this.queue = new QueueEstimates(jobs);
    this.anyJobs = new JobsOfType(vertx, jobs, submitter, null, "job");
    this.enabledTypes = Set.copyOf(enabledTypes);
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
    JobType type = jobType(ctx.pathParam("type"));
    JobRequest request = JobRequests.parse(type, HttpJson.body(ctx));
    // off the event loop: a send may wait up to max.block.ms for topic metadata when Kafka is slow
    HttpJson.blocking(vertx, () -> {
      owners.requireReferencesVisible(ctx, request); // blocks: styles and the default model are in the store
      return submitter.submit(type, request, java.util.UUID.randomUUID().toString(), ctx);
    }).compose(this::future)
        .onSuccess(job -> {
          ctx.response().putHeader("Location", "/v1/jobs/" + job.jobId());
          HttpJson.write(ctx, 202, JobView.of(job));
        })
        .onFailure(e -> ctx.fail(e instanceof ProblemException refused ? refused
            : ProblemException.unavailable("the job could not be enqueued: " + e.getMessage())));
  }

  private void get(RoutingContext ctx) {
    JobEvent job = anyJobs.find(ctx);
    HttpJson.write(ctx, 200, JobView.of(job, queue.of(job)));
  }

  private void list(RoutingContext ctx) {
    JobType type = ctx.queryParam("type").isEmpty() ? null : wire("type", () -> JobType.fromWire(ctx.queryParam("type").get(0)));
    JobListing page = JobListing.of(ctx, jobs, type);
    HttpJson.write(ctx, 200, new JobPage(page.items().stream().map(JobView::of).toList(), page.nextCursor()));
  }

  /** One page of a listing; {@code nextCursor} is absent on the last page. */
  public record JobPage(List<JobView> items, String nextCursor) {}

  private JobType jobType(String name) {
    JobType type = wire("type", () -> JobType.fromWire(name));
    requireEnabled(type, enabledTypes);
    return type;
  }

  /** A 501 for a type this deployment has no workers for; feature routes that submit jobs check it too. */
  public static void requireEnabled(JobType type, Set<JobType> enabledTypes) {
    if (!enabledTypes.contains(type)) {
      throw new ProblemException(Problem.of(501, "job-type-disabled", "Job type not enabled", "this deployment "
          + "does not accept " + type.wireName() + " jobs (enabled: " + enabledTypes.stream().map(JobType::wireName)
          .sorted().toList() + "; see FUNIT_JOB_TYPES)").withField("type"));
    }
  }

  private static <T> T wire(String field, java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (InvalidRequestException e) {
      throw ProblemException.badRequest(field, e.getMessage());
    }
  }

  private <T> Future<T> future(CompletionStage<T> stage) {
    return Future.fromCompletionStage(stage, vertx.getOrCreateContext());
  }
}
