package io.funit.gateway.trainings;

import io.funit.common.contract.InvalidRequestException;
import io.funit.common.contract.JobEvent;
import io.funit.common.contract.JobRequests;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.dataset.StoredDatasets;
import io.funit.common.jobs.JobConflictException;
import io.funit.common.funit.config.TrainOverrides;
import io.funit.common.storage.ObjectStore;
import io.funit.common.training.TrainJob;
import io.funit.common.training.TrainRequest;
import io.funit.common.training.TrainingBundle;
import io.funit.common.training.TrainingHistory;
import io.funit.gateway.http.FormFields;
import io.funit.gateway.http.HttpJson;
import io.funit.gateway.jobs.JobAdmission;
import io.funit.gateway.jobs.JobsOfType;
import io.funit.gateway.problem.ProblemException;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * Moving a training between deployments ({@link TrainingBundle}): {@code GET /v1/trainings/{id}/export} downloads an
 * ended training's newest checkpoint with its request and metric history; {@code POST /v1/trainings/import}
 * (multipart: the bundle in {@code file}; {@code dataset}, {@code iterations}, optional {@code max_seconds} and
 * {@code lr_cooldown}, as in {@code /continue}) checks it against a dataset built here and starts a training from
 * it. Everything is checked before anything is stored; a refused enqueue removes what was stored.
 */
final class TrainingBundleRoutes {
  private static final TrainJob TYPE = new TrainJob();

  private final Vertx vertx;
  private final JobAdmission admission;
  private final ObjectStore store;
  private final JobsOfType trainings;
  private final TrainingHistory history;
  private final long maxUploadBytes;
  private final String uploadDir;
  private final BiConsumer<RoutingContext, JobEvent> accepted;

  /**
   * @param accepted answers a queued training (202, its view and Location), as the other training routes do
   */
  TrainingBundleRoutes(Vertx vertx, JobAdmission admission, ObjectStore store, JobsOfType trainings,
      TrainingHistory history, long maxUploadBytes, String uploadDir, BiConsumer<RoutingContext, JobEvent> accepted) {
    this.vertx = vertx;
    this.admission = admission;
    this.store = store;
    this.trainings = trainings;
    this.history = history;
    this.maxUploadBytes = maxUploadBytes;
    this.uploadDir = uploadDir;
    this.accepted = accepted;
  }

  void mount(Router router) {
    router.get("/v1/trainings/:id/export").handler(this::export);
    router.post("/v1/trainings/import").handler(admission.enabled(TrainJob.TYPE));
    router.post("/v1/trainings/import").consumes("multipart/form-data")
        .handler(BodyHandler.create(uploadDir).setBodyLimit(maxUploadBytes).setDeleteUploadedFilesOnEnd(true))
        .handler(admission.fields()).handler(this::importBundle);
    router.post("/v1/trainings/import").handler(ctx -> {
      throw ProblemException.badRequest("file", "a training bundle is sent as multipart/form-data, the zip in the "
          + "field 'file'");
    });
  }

  private void export(RoutingContext ctx) {
    JobEvent training = trainings.find(ctx);
    HttpJson.blocking(vertx, () -> {
      Path zip = Files.createTempFile("funit-bundle-", ".zip");
      try {
        return new Written(zip, TrainingBundle.write(store, history, training, zip));
      } catch (JobConflictException e) {
        Files.deleteIfExists(zip);
        throw ProblemException.conflict(e.getMessage());
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(zip);
        throw e;
      }
    }).onSuccess(written -> {
      String name = "training-" + training.jobId() + "-iter-" + written.manifest().iteration() + ".zip";
      ctx.response().putHeader("Content-Type", "application/zip")
          .putHeader("Content-Disposition", "attachment; filename=\"" + name + "\"")
          .putHeader("X-Checkpoint-Iteration", Long.toString(written.manifest().iteration()))
          .sendFile(written.zip().toString())
          .onComplete(done -> vertx.executeBlocking(() -> Files.deleteIfExists(written.zip()), false));
    }).onFailure(ctx::fail);
  }

  private record Written(Path zip, TrainingBundle.Manifest manifest) {}

  private void importBundle(RoutingContext ctx) {
    List<FileUpload> files = ctx.fileUploads().stream().filter(f -> f.name().equals("file")).toList();
    if (files.size() != 1) {
      throw ProblemException.badRequest("file", "exactly one training bundle is expected in the form field 'file', "
          + "got " + files.size());
    }
    MultiMap form = ctx.request().formAttributes();
    String dataset = form.get("dataset");
    if (dataset == null || dataset.isBlank()) {
      throw ProblemException.badRequest("dataset", "the id of a dataset built here is required: the bundle's "
          + "training continues on it");
    }
    Long iterations = FormFields.wholeNumber("iterations", form.get("iterations"));
    if (iterations == null) {
      throw ProblemException.badRequest("iterations", "is required");
    }
    Long maxSeconds = FormFields.wholeNumber("max_seconds", form.get("max_seconds"));
    long budget = maxSeconds == null ? 0 : maxSeconds;
    Double cooldown = FormFields.decimal("lr_cooldown", form.get("lr_cooldown")); // null: the exported training's
    TrainOverrides changes = HttpJson.parse(() -> TrainOverrides.parseRecipeChanges(
        FormFields.json("overrides", form.get("overrides"))));
    Path upload = Path.of(files.get(0).uploadedFileName());
    String jobId = UUID.randomUUID().toString();
    HttpJson.blocking(vertx, () -> {
      try (TrainingBundle.Unpacked bundle = HttpJson.parse(() -> TrainingBundle.read(upload))) {
        TrainRequest request = request(ctx, jobId, bundle.manifest(), dataset.trim(), iterations, budget, cooldown,
            changes);
        bundle.store(store, jobId);
        try {
          return admission.admit(ctx, TYPE, request, jobId, "training");
        } catch (RuntimeException e) {
          bundle.unstore(store, jobId); // no worker will ever resume from it
          throw e;
        }
      }
    }).onSuccess(job -> accepted.accept(ctx, job)).onFailure(ctx::fail);
  }

  /** The exported training's request, on {@code dataset} to {@code iterations} in total; checked like the worker. */
  private TrainRequest request(RoutingContext ctx, String jobId, TrainingBundle.Manifest manifest, String dataset,
      long iterations, long budget, Double cooldown, TrainOverrides changes) {
    TrainRequest exported = HttpJson.parse(() -> {
      try {
        return JobRequests.parse(TrainRequest.class, manifest.request());
      } catch (InvalidRequestException e) {
        throw new InvalidRequestException("file", "the bundle's request: " + e.getMessage());
      }
    });
    if (iterations <= manifest.iteration()) {
      throw ProblemException.badRequest("iterations", "the new total number of iterations is required, above the "
          + manifest.iteration() + " of the bundle's checkpoint");
    }
    TrainRequest request = HttpJson.parse(() -> exported.imported(dataset, iterations, budget,
        cooldown == null ? exported.lrCooldown() : cooldown, changes));
    admission.requireVisible(ctx, TYPE, request, jobId); // another tenant's dataset is not even compared
    DatasetManifest here = new StoredDatasets(store).manifest(dataset).orElseThrow(() ->
        ProblemException.badRequest("dataset", "no built dataset '" + dataset + "'"));
    HttpJson.parse(() -> {
      TrainingBundle.requireSameClasses(manifest, here);
      return null;
    });
    return request;
  }
}
