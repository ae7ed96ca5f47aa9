package io.funit.gateway.trainings;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.auto.service.AutoService;
import io.funit.common.contract.JobEvent;
import io.funit.common.contract.JobRequests;
import io.funit.common.kafka.JobStateProjection;
import io.funit.common.funit.config.TrainOverrides;
import io.funit.common.storage.ObjectStore;
import io.funit.common.training.CheckpointKeys;
import io.funit.common.training.SampleGrids;
import io.funit.common.training.TrainJob;
import io.funit.common.training.TrainRequest;
import io.funit.common.training.TrainingHistory;
import io.funit.common.training.TrainingMetrics;
import io.funit.gateway.http.HttpJson;
import io.funit.gateway.jobs.JobAdmission;
import io.funit.gateway.jobs.JobApi;
import io.funit.gateway.jobs.JobApiServices;
import io.funit.gateway.jobs.JobListing;
import io.funit.gateway.jobs.JobsOfType;
import io.funit.gateway.jobs.QueueEstimates;
import io.funit.gateway.problem.ProblemException;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.UUID;

/**
 * {@code /v1/trainings}: a training is a train job; these routes add what people watching a training need (queue
 * position, throughput, ETA, losses, metric history, sample grids) and continuing a finished one.
 */
public final class TrainingRoutes {
  private static final int MAX_GRID_BYTES = 64 << 20;

  private static final TrainJob TYPE = new TrainJob();

  private final Vertx vertx;
  private final JobAdmission admission;
  private final JobStateProjection jobs;
  private final ObjectStore store;
  private final long maxBodyBytes;
  private final QueueEstimates queue;
  private final JobsOfType trainings;
  private final TrainingHistory history;
  private final TrainingBundleRoutes bundles;

  TrainingRoutes(JobApiServices services) {
    this.vertx = services.vertx();
    this.admission = services.admission();
    this.jobs = services.jobs();
    this.store = services.store();
    this.maxBodyBytes = services.settings().maxBodyBytes();
    this.queue = new QueueEstimates(jobs);
    this.trainings = new JobsOfType(vertx, jobs, services.submitter(), TrainJob.TYPE, "training");
    this.history = new TrainingHistory(store, jobs::get);
    this.bundles = new TrainingBundleRoutes(vertx, admission, store, trainings, history,
        services.settings().maxUploadBytes(), services.settings().uploadDir(), this::accepted);
  }

  /** Registers these routes with the gateway. */
  @AutoService(JobApi.class)
  public static final class Api extends JobApi {
    public Api() {
      super(TrainJob.TYPE, services -> new TrainingRoutes(services)::mount);
    }
  }

  void mount(Router router) {
    BodyHandler json = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
    // before the body is read: a deployment without train workers refuses at once, as POST /v1/jobs/train
    router.post("/v1/trainings").handler(admission.enabled(TrainJob.TYPE));
    router.post("/v1/trainings/:id/continue").handler(admission.enabled(TrainJob.TYPE));
    router.post("/v1/trainings").handler(json).handler(admission.fields()).handler(this::create);
    router.get("/v1/trainings").handler(this::list);
    router.get("/v1/trainings/:id").handler(ctx -> HttpJson.write(ctx, 200, view(trainings.find(ctx))));
    router.get("/v1/trainings/:id/metrics").handler(this::metrics);
    router.get("/v1/trainings/:id/samples").handler(this::samples);
    router.get("/v1/trainings/:id/samples/:name").handler(this::sample);
    router.post("/v1/trainings/:id/cancel").handler(ctx -> trainings.cancel(ctx, this::view));
    router.post("/v1/trainings/:id/continue").handler(json).handler(admission.fields())
        .handler(this::continueTraining);
    bundles.mount(router);
  }

  private void create(RoutingContext ctx) {
    submit(ctx, HttpJson.parse(() -> JobRequests.parse(TrainRequest.class, HttpJson.body(ctx))));
  }

  private void continueTraining(RoutingContext ctx) {
    JobEvent original = trainings.find(ctx);
    TrainJob.requireContinuable(original);
    JsonNode body = HttpJson.body(ctx);
    JsonNode iterations = body.get("iterations");
    JsonNode budget = body.get("max_seconds");
    if (budget != null && (!budget.canConvertToExactIntegral() || budget.longValue() < 0)) {
      throw ProblemException.badRequest("max_seconds", "must be a whole number of seconds");
    }
    JsonNode cooldown = body.get("lr_cooldown");
    if (cooldown != null && !cooldown.isNumber()) {
      throw ProblemException.badRequest("lr_cooldown", "must be a share of the run in [0, 1)");
    }
    TrainOverrides changes = HttpJson.parse(() -> TrainOverrides.parseRecipeChanges(body.get("overrides")));
    HttpJson.blocking(vertx, () -> { // reads the checkpoints in the store
      long reached = reached(original);
      if (iterations == null || !iterations.canConvertToExactIntegral() || iterations.longValue() <= reached) {
        throw ProblemException.badRequest("iterations", "the new total number of iterations is required, above "
            + "the " + reached + " this training reached");
      }
      TrainRequest previous = HttpJson.parse(() -> JobRequests.parse(TrainRequest.class, original.request()));
      return HttpJson.parse(() -> previous.withContinueFrom(original.jobId(), iterations.longValue(),
          budget == null ? 0 : budget.longValue(), cooldown == null ? previous.lrCooldown() : cooldown.doubleValue(),
          changes));
    }).onSuccess(request -> {
      try {
        submit(ctx, request);
      } catch (RuntimeException e) {
        ctx.fail(e);
      }
    }).onFailure(ctx::fail);
  }

  /**
   * Iterations the training finished: its result, else its last progress, or more if a checkpoint is newer (a
   * cancel checkpoints the last finished iteration after the last progress event, and the worker continues from it).
   */
  private long reached(JobEvent training) {
    long reached = training.progress() == null ? 0 : training.progress().done();
    if (training.result() != null && training.result().has("iterations")) {
      reached = training.result().path("iterations").asLong();
    }
    return Math.max(reached, CheckpointKeys.latestIteration(store, training.jobId()).orElse(0));
  }

  /** Admits (preset, overrides, dataset, continued training: {@link TrainJob#admit}) and enqueues. */
  private void submit(RoutingContext ctx, TrainRequest request) {
    HttpJson.blocking(vertx, () -> admission.admit(ctx, TYPE, request, UUID.randomUUID().toString(), "training"))
        .onSuccess(job -> accepted(ctx, job)).onFailure(ctx::fail);
  }

  private void accepted(RoutingContext ctx, JobEvent job) {
    ctx.response().putHeader("Location", "/v1/trainings/" + job.jobId());
    HttpJson.write(ctx, 202, view(job));
  }

  private void list(RoutingContext ctx) {
    JobListing page = JobListing.of(ctx, jobs, TrainJob.TYPE);
    HttpJson.write(ctx, 200, new TrainingPage(page.items().stream().map(this::view).toList(), page.nextCursor()));
  }

  /** One page of a listing, newest first. */
  public record TrainingPage(List<TrainingView> items, String nextCursor) {}

  private void metrics(RoutingContext ctx) {
    JobEvent job = trainings.find(ctx);
    int points = ctx.queryParam("points").isEmpty() ? 0 : number("points", ctx.queryParam("points").get(0));
    boolean whole = ctx.queryParam("history").stream().anyMatch("true"::equals);
    HttpJson.blocking(vertx, () -> {
      var rows = whole ? history.rows(job.jobId()) : new TrainingMetrics(store).read(job.jobId());
      return new MetricsPage(job.jobId(), rows.size(), TrainingMetrics.downsample(rows, points));
    }).onSuccess(page -> HttpJson.write(ctx, 200, page)).onFailure(ctx::fail);
  }

  /**
   * The stored history: {@code iterations} rows logged, {@code rows} as returned (downsampled on request). The
   * training's own rows, or with {@code ?history=true} its model's from the start: the rows of the trainings it
   * continues and of the bundle it was imported from ({@link TrainingHistory}).
   */
  public record MetricsPage(String training, int iterations, List<io.funit.common.training.MetricRow> rows) {}

  private void samples(RoutingContext ctx) {
    JobEvent job = trainings.find(ctx);
    HttpJson.blocking(vertx, () -> SampleGrids.list(store, job.jobId()).stream()
        .map(g -> new SampleView(g.name(), g.iteration(), g.split(),
            "/v1/trainings/" + job.jobId() + "/samples/" + g.name())).toList())
        .onSuccess(list -> HttpJson.write(ctx, 200, java.util.Map.of("training", job.jobId(), "rows",
            List.of("content", "reconstruction", "translation", "class", "reconstruction_ema", "translation_ema"),
            "items", list)))
        .onFailure(ctx::fail);
  }

  /** One sample grid. */
  public record SampleView(String name, long iteration, String split, String url) {}

  private void sample(RoutingContext ctx) {
    JobEvent job = trainings.find(ctx);
    String name = ctx.pathParam("name");
    if (!name.matches("iter-\\d{8}-(train|test)\\.png")) {
      throw ProblemException.notFound("no sample grid " + name);
    }
    String key = "outputs/" + job.jobId() + "/samples/" + name;
    HttpJson.serveStored(vertx, ctx, store, key, MAX_GRID_BYTES, "image/png", null, "no sample grid " + name);
  }


  private TrainingView view(JobEvent job) {
    QueueEstimates.Estimate estimate = queue.of(job); // the same position GET /v1/jobs/{id} shows
    return TrainingView.of(job, estimate == null ? null : estimate.position());
  }


  private static int number(String field, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw ProblemException.badRequest(field, "must be a whole number, got '" + value + "'");
    }
  }


}
