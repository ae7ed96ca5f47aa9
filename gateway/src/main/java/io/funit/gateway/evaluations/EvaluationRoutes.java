package io.funit.gateway.evaluations;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.contract.EvalRequest;
import io.funit.common.contract.JobEvent;
import io.funit.common.contract.JobRequests;
import io.funit.common.contract.JobState;
import io.funit.common.contract.JobType;
import io.funit.common.eval.ReportFiles;
import io.funit.common.eval.EvaluationResult;
import io.funit.common.eval.EvaluationTargets;
import io.funit.common.kafka.JobStateProjection;
import io.funit.common.storage.ObjectStore;
import io.funit.common.storage.StorageKeys;
import io.funit.gateway.http.HttpJson;
import io.funit.gateway.jobs.JobListing;
import io.funit.gateway.jobs.JobRoutes;
import io.funit.gateway.jobs.JobSubmitter;
import io.funit.gateway.jobs.JobsOfType;
import io.funit.gateway.problem.ProblemException;
import io.funit.gateway.tenants.Ownership;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Set;

/**
 * {@code /v1/evaluations}: an evaluation is an eval job. The request is checked against the store before anything
 * is queued (the model has a card, the dataset a manifest with held-out classes, K fits its classes, every metric
 * is known), so a bad request is a 400 naming its field. The report (page, JSON, sample grids) is served from
 * {@code reports/{id}/} once the job has succeeded; before that it is a 409.
 */
public final class EvaluationRoutes {
  static final String PATH = "/v1/evaluations";
  private static final int MAX_REPORT_BYTES = 64 << 20;

  private final Vertx vertx;
  private final JobSubmitter submitter;
  private final JobStateProjection jobs;
  private final JobsOfType evaluations;
  private final ObjectStore store;
  private final Ownership owners;
  private final Set<JobType> enabledTypes;
  private final long maxBodyBytes;

  public EvaluationRoutes(Vertx vertx, JobSubmitter submitter, JobStateProjection jobs, ObjectStore store,
      Set<JobType> enabledTypes, long maxBodyBytes, Ownership owners) {
    this.vertx = vertx;
    this.submitter = submitter;
    this.jobs = jobs;
    this.evaluations = new JobsOfType(vertx, jobs, submitter, JobType.EVAL, "evaluation");
    this.store = store;
    this.owners = owners;
    this.enabledTypes = Set.copyOf(enabledTypes);
    this.maxBodyBytes = maxBodyBytes;
  }

  public void mount(Router router) {
    // before the body is read: a deployment without eval workers refuses at once, as POST /v1/jobs/eval
    router.post(PATH).handler(ctx -> {
      JobRoutes.requireEnabled(JobType.EVAL, enabledTypes);
      ctx.next();
    });
    router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
        .handler(submitter.admission()).handler(this::create);
    router.get(PATH).handler(this::list);
    router.get(PATH + "/:id").handler(ctx -> HttpJson.write(ctx, 200, EvaluationView.of(evaluations.find(ctx))));
    router.get(PATH + "/:id/report").handler(ctx -> serve(ctx, ReportFiles.REPORT_HTML));
    router.get(PATH + "/:id/report.json").handler(ctx -> serve(ctx, ReportFiles.REPORT_JSON));
    // a file name may hold a folder (samples/k-5.png): only names the result lists are served
    router.get(PATH + "/:id/files/*").handler(ctx -> serve(ctx, ctx.pathParam("*")));
    router.post(PATH + "/:id/cancel").handler(ctx -> evaluations.cancel(ctx, EvaluationView::of));
  }

  private void create(RoutingContext ctx) {
    JsonNode body = HttpJson.body(ctx);
    checkK(body.get("k"));
    EvalRequest request = HttpJson.parse(() -> JobRequests.parse(EvalRequest.class, body));
    HttpJson.blocking(vertx, () -> {
      // another tenant's model or dataset is unknown here, as it is on every route
      if (!owners.modelVisible(ctx, request.model())) {
        throw ProblemException.badRequest("model", "no model '" + request.model() + "'");
      }
      if (!owners.datasetVisible(ctx, request.dataset())) {
        throw ProblemException.badRequest("dataset", "no dataset '" + request.dataset() + "'");
      }
      HttpJson.parse(() -> EvaluationTargets.resolve(store, request));
      return evaluations.enqueue(() -> submitter.submit(JobType.EVAL, request, java.util.UUID.randomUUID().toString(),
          ctx));
    }).onSuccess(job -> {
      ctx.response().putHeader("Location", PATH + "/" + job.jobId());
      HttpJson.write(ctx, 202, EvaluationView.of(job));
    }).onFailure(ctx::fail);
  }

  /**
   * Each K must be a whole number: the request record would turn a null into a failure without the field's index,
   * and a fraction into a silent truncation.
   */
  private static void checkK(JsonNode k) {
    if (k == null || k.isNull()) {
      return;
    }
    if (!k.isArray()) {
      throw ProblemException.badRequest("k", "must be a list of shot counts, e.g. [1, 5, 10, 20]");
    }
    for (int i = 0; i < k.size(); i++) {
      if (!k.get(i).isIntegralNumber()) {
        throw ProblemException.badRequest("k[" + i + "]", "must be a whole number, got " + k.get(i));
      }
    }
  }

  private void list(RoutingContext ctx) {
    JobListing page = JobListing.of(ctx, jobs, JobType.EVAL);
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
