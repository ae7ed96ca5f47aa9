package io.funit.gateway.datasets;

import com.google.auto.service.AutoService;
import io.funit.common.contract.JobEvent;
import io.funit.common.contract.JobRequests;
import io.funit.common.contract.JobState;
import io.funit.common.dataset.DatasetDirectory;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.dataset.StoredDatasets;
import io.funit.common.dataset.imports.ArchiveSource;
import io.funit.common.dataset.job.DatasetJob;
import io.funit.common.dataset.job.DatasetRequest;
import io.funit.common.kafka.JobStateProjection;
import io.funit.common.storage.ObjectStore;
import io.funit.common.storage.StorageKeys;
import io.funit.gateway.http.FormFields;
import io.funit.gateway.http.HttpJson;
import io.funit.gateway.jobs.JobAdmission;
import io.funit.gateway.jobs.JobApi;
import io.funit.gateway.jobs.JobApiServices;
import io.funit.gateway.jobs.JobListing;
import io.funit.gateway.jobs.JobsOfType;
import io.funit.gateway.problem.ProblemException;
import io.vertx.core.Vertx;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * {@code /v1/datasets}: a JSON body builds a font dataset or imports an S3 prefix; a multipart upload (field
 * {@code file}: a zip, tar or tar.gz of class folders) is checked to be an archive, stored under the new job's
 * inputs and imported by a dataset job. Bad requests are refused before anything is stored or enqueued.
 */
public final class DatasetRoutes {
  static final String UPLOAD_NAME = DatasetRequest.UPLOAD_NAME;
  private static final int MAX_SHEET_BYTES = 64 << 20;

  private static final DatasetJob TYPE = new DatasetJob();

  private final Vertx vertx;
  private final JobAdmission admission;
  private final JobStateProjection jobs;
  private final JobsOfType datasets;
  private final ObjectStore store;
  private final long maxBodyBytes;
  private final long maxUploadBytes;
  private final String uploadDir;

  DatasetRoutes(JobApiServices services) {
    this.vertx = services.vertx();
    this.admission = services.admission();
    this.jobs = services.jobs();
    this.datasets = new JobsOfType(vertx, jobs, services.submitter(), DatasetJob.TYPE, "dataset");
    this.store = services.store();
    this.maxBodyBytes = services.settings().maxBodyBytes();
    this.maxUploadBytes = services.settings().maxUploadBytes();
    this.uploadDir = services.settings().uploadDir();
  }

  /** Registers these routes with the gateway. */
  @AutoService(JobApi.class)
  public static final class Api extends JobApi {
    public Api() {
      super(DatasetJob.TYPE, services -> new DatasetRoutes(services)::mount);
    }
  }

  void mount(Router router) {
    // before the body is read: a deployment without dataset workers refuses at once, as POST /v1/jobs/dataset
    router.post("/v1/datasets").handler(admission.enabled(DatasetJob.TYPE));
    router.post("/v1/datasets").consumes("multipart/form-data")
        .handler(BodyHandler.create(uploadDir).setBodyLimit(maxUploadBytes).setDeleteUploadedFilesOnEnd(true))
        .handler(admission.fields()).handler(this::upload);
    router.post("/v1/datasets").handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
        .handler(admission.fields()).handler(this::create);
    router.get("/v1/datasets").handler(this::list);
    router.get("/v1/datasets/:id").handler(ctx -> HttpJson.write(ctx, 200, DatasetView.of(datasets.find(ctx))));
    router.get("/v1/datasets/:id/contact-sheet.png").handler(ctx -> serve(ctx,
        StoredDatasets.key(built(ctx).jobId(), DatasetDirectory.CONTACT_SHEET), "image/png"));
    router.get("/v1/datasets/:id/report").handler(ctx -> serve(ctx,
        StoredDatasets.key(built(ctx).jobId(), DatasetDirectory.REPORT), "application/json"));
    router.get("/v1/datasets/:id/classes").handler(this::classes);
    router.get("/v1/datasets/:id/import-report").handler(ctx -> serve(ctx,
        StorageKeys.output(datasets.find(ctx).jobId(), "import-report.json"), "application/json"));
  }

  private void create(RoutingContext ctx) {
    DatasetRequest request = HttpJson.parse(() -> JobRequests.parse(DatasetRequest.class, HttpJson.body(ctx)));
    if (DatasetRequest.KIND_UPLOAD.equals(request.kind())) {
      throw ProblemException.badRequest("kind", "uploads are sent as multipart/form-data with the archive in "
          + "the field 'file'");
    }
    String jobId = UUID.randomUUID().toString();
    HttpJson.blocking(vertx, () -> admission.admit(ctx, TYPE, request, jobId, "dataset"))
        .onSuccess(job -> accepted(ctx, job)).onFailure(ctx::fail);
  }

  private void upload(RoutingContext ctx) {
    List<FileUpload> files = ctx.fileUploads().stream().filter(f -> f.name().equals("file")).toList();
    if (files.size() != 1) {
      throw ProblemException.badRequest("file", "exactly one archive is expected in the form field 'file', got "
          + files.size());
    }
    String jobId = UUID.randomUUID().toString();
    String inputKey = StorageKeys.input(jobId, UPLOAD_NAME);
    var form = ctx.request().formAttributes();
    DatasetRequest request = HttpJson.parse(() -> new DatasetRequest(DatasetRequest.KIND_UPLOAD,
        blankToNull(form.get("name")), null, 0, null, seed(form.get("seed")),
        FormFields.decimal("test_fraction", form.get("test_fraction")), inputKey, null, null, 0));
    Path archive = Path.of(files.get(0).uploadedFileName());
    HttpJson.blocking(vertx, () -> {
      if (ArchiveSource.sniff(archive) == ArchiveSource.Format.UNKNOWN) {
        throw ProblemException.badRequest("file", "'" + files.get(0).fileName()
            + "' is not a zip, tar or tar.gz archive");
      }
      store.put(inputKey, archive, "application/octet-stream");
      try {
        return admission.admit(ctx, TYPE, request, jobId, "dataset");
      } catch (RuntimeException e) {
        store.delete(inputKey); // no job will ever read it
        throw e;
      }
    }).onSuccess(job -> accepted(ctx, job)).onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    JobListing page = JobListing.of(ctx, jobs, DatasetJob.TYPE);
    HttpJson.write(ctx, 200, new DatasetPage(page.items().stream().map(DatasetView::of).toList(), page.nextCursor()));
  }

  /** One page of a listing; {@code nextCursor} is absent on the last page. */
  public record DatasetPage(List<DatasetView> items, String nextCursor) {}

  private void serve(RoutingContext ctx, String key, String contentType) {
    HttpJson.serveStored(vertx, ctx, store, key, MAX_SHEET_BYTES, contentType,
        "public, max-age=31536000, immutable", // datasets never change
        "nothing stored at " + key);
  }

  /** A built dataset's classes ({@code ?split=train|test}): name, split, images and, for fonts, style and family. */
  private void classes(RoutingContext ctx) {
    JobEvent job = built(ctx);
    String split = ctx.request().getParam("split");
    if (split != null && !split.equals(DatasetManifest.SPLIT_TRAIN) && !split.equals(DatasetManifest.SPLIT_TEST)) {
      throw ProblemException.badRequest("split", "must be train or test, got '" + split + "'");
    }
    HttpJson.blocking(vertx, () -> new StoredDatasets(store).manifest(job.jobId())
        .orElseThrow(() -> ProblemException.notFound("dataset " + job.jobId() + " has no manifest")))
        .onSuccess(manifest -> HttpJson.write(ctx, 200, java.util.Map.of("items", manifest.classes().stream()
            .filter(c -> split == null || c.split().equals(split)).map(ClassView::of).toList())))
        .onFailure(ctx::fail);
  }

  /** One class of a dataset as the API lists it. */
  public record ClassView(String name, String split, int images, String family, String style) {
    static ClassView of(io.funit.common.dataset.DatasetClass c) {
      return new ClassView(c.name(), c.split(), c.images(), c.source() == null ? null : c.source().family(),
          c.source() == null ? null : c.source().style());
    }
  }

  private void accepted(RoutingContext ctx, JobEvent job) {
    ctx.response().putHeader("Location", "/v1/datasets/" + job.jobId());
    HttpJson.write(ctx, 202, DatasetView.of(job));
  }


  private JobEvent built(RoutingContext ctx) {
    JobEvent job = datasets.find(ctx);
    if (job.state() != JobState.SUCCEEDED) {
      throw ProblemException.conflict("dataset " + job.jobId() + " is " + job.state().wireName() + ", not built");
    }
    return job;
  }


  private static long seed(String value) {
    Long seed = FormFields.wholeNumber("seed", value);
    return seed == null ? 0 : seed;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
