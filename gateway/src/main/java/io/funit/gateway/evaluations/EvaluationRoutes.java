package io.funit.gateway.evaluations;

import com.google.auto.service.AutoService;
import io.funit.common.contract.JobEvent;
import io.funit.common.contract.JobRequests;
import io.funit.common.contract.JobState;
import io.funit.common.eval.EvalJob;
import io.funit.common.eval.EvalRequest;
import io.funit.common.eval.EvaluationResult;
import io.funit.common.eval.ReportFiles;
import io.funit.common.kafka.JobStateProjection;
import io.funit.common.storage.ObjectStore;
import io.funit.common.storage.StorageKeys;
import io.funit.gateway.http.HttpJson;
import io.funit.gateway.jobs.JobAdmission;
import io.funit.gateway.jobs.JobApi;
import io.funit.gateway.jobs.JobApiServices;
import io.funit.gateway.jobs.JobListing;
import io.funit.gateway.jobs.JobsOfType;
import io.funit.gateway.problem.ProblemException;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.UUID;

/**
 * {@code /v1/evaluations}: an evaluation is an eval job. The request is checked against the store before anything
 * is queued, by the same admission as {@code POST /v1/jobs/eval} ({@link EvalJob#admit}: the model has a card, the
 * dataset a manifest with held-out classes, K fits its classes, every metric is known), so a bad request is a 400
 * naming its field. The report (page, JSON, sample grids) is served from
 * {@code reports/{id}/} once the job has succeeded; before that it is a 409.
 */
public final class EvaluationRoutes {
  static final String PATH = "/v1/evaluations";
  private static final int MAX_REPORT_BYTES = 64 << 20;

  private static final EvalJob TYPE = new EvalJob();

  private final Vertx vertx;
  private final JobAdmission admission;
  private final JobStateProjection jobs;
  private final JobsOfType evaluations;
  private final ObjectStore store;
  private final long maxBodyBytes;

  EvaluationRoutes(JobApiServices services) {
    this.vertx = services.vertx();
    this.admission = services.admission();
    this.jobs = services.jobs();
    this.evaluations = new JobsOfType(vertx, jobs, services.submitter(), EvalJob.TYPE, "evaluation");
    this.store = services.store();
    this.maxBodyBytes = services.settings().maxBodyBytes();
  }

  /** Registers these routes with the gateway. */
  @AutoService(JobApi.class)
  public static final class Api extends JobApi {
    public Api() {
      super(EvalJob.TYPE, services -> new EvaluationRoutes(services)::mount);
    }
  }

  void mount(Router router) {
    // before the body is read: a deployment without eval workers refuses at once, as POST /v1/jobs/eval
    router.post(PATH).handler(admission.enabled(EvalJob.TYPE));
    router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
        .handler(admission.fields()).handler(this::create);
    router.get(PATH).handler(this::list);
    router.get(PATH + "/:id").handler(ctx -> HttpJson.write(ctx, 200, EvaluationView.of(evaluations.find(ctx))));
    router.get(PATH + "/:id/report").handler(ctx -> serve(ctx, ReportFiles.REPORT_HTML));
    router.get(PATH + "/:id/report.json").handler(ctx -> serve(ctx, ReportFiles.REPORT_JSON));
    // a file name may hold a folder (samples/k-5.png): only names the result lists are served
    router.get(PATH + "/:id/files/*").handler(ctx -> serve(ctx, ctx.pathParam("*")));
    router.post(PATH + "/:id/cancel").handler(ctx -> evaluations.cancel(ctx, EvaluationView::of));
  }

  private void create(RoutingContext ctx) {
    EvalRequest request = HttpJson.parse(() -> JobRequests.parse(EvalRequest.class, HttpJson.body(ctx)));
    HttpJson.blocking(vertx, () -> admission.admit(ctx, TYPE, request, UUID.randomUUID().toString(), "evaluation"))
        .onSuccess(job -> {
          ctx.response().putHeader("Location", PATH + "/" + job.jobId());
          HttpJson.write(ctx, 202, EvaluationView.of(job));
        }).onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    JobListing page = JobListing.of(ctx, jobs, EvalJob.TYPE);
    HttpJson.write(ctx, 200, new EvaluationPage(page.items().stream().map(EvaluationView::of).toList(),
        page.nextCursor()));
  }

  /** One page of a listing; {@code nextCursor} is absent on the last page. */
  public record EvaluationPage(List<EvaluationView> items, String nextCursor) {}

  /** One file of a finished evaluation's report: the page, the JSON, or a file its result lists. */
  private void serve(RoutingContext ctx, String name) {
    JobEvent job = evaluations.find(ctx);
    EvaluationResult result = EvaluationView.result(job).orElseThrow(() -> job.state() == JobState.SUCCEEDED
        ? ProblemException.notFound("evaluation " + job.jobId() + " has no readable result")
        : ProblemException.conflict("evaluation " + job.jobId() + " is " + job.state().wireName()
            + "; its report exists once it has succeeded"));
    boolean known = name.equals(ReportFiles.REPORT_HTML) || name.equals(ReportFiles.REPORT_JSON)
        || result.files().contains(name);
    if (!known) {
      throw ProblemException.notFound("evaluation " + job.jobId() + " has no file " + name);
    }
    String key = StorageKeys.report(job.jobId(), name);
    HttpJson.serveStored(vertx, ctx, store, key, MAX_REPORT_BYTES, ReportFiles.contentType(name),
        "private, max-age=31536000, immutable", // reports are written once
        "file " + name + " of evaluation " + job.jobId() + " is not stored");
  }


}
