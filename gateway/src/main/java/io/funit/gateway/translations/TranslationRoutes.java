package io.funit.gateway.translations;

import com.google.auto.service.AutoService;
import io.funit.common.contract.JobEvent;
import io.funit.common.contract.JobRequests;
import io.funit.common.dataset.imports.ImageValidator.ValidImage;
import io.funit.common.kafka.JobStateProjection;
import io.funit.common.storage.ConcurrentIo;
import io.funit.common.storage.ObjectStore;
import io.funit.common.storage.StorageKeys;
import io.funit.common.translate.TranslateJob;
import io.funit.common.translate.TranslateRequest;
import io.funit.common.translate.TranslationLimits;
import io.funit.common.translate.TranslationResult;
import io.funit.gateway.GatewaySettings;
import io.funit.gateway.http.FormFile;
import io.funit.gateway.http.HttpJson;
import io.funit.gateway.http.MemoryMultipart;
import io.funit.gateway.images.RequestImages;
import io.funit.gateway.jobs.JobAdmission;
import io.funit.gateway.jobs.JobApi;
import io.funit.gateway.jobs.JobApiServices;
import io.funit.gateway.jobs.JobListing;
import io.funit.gateway.jobs.JobWatcher;
import io.funit.gateway.jobs.JobsOfType;
import io.funit.gateway.problem.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code /v1/translations}: a translation is a translate job. A multipart request carries the images (fields
 * {@code content} and {@code class}, or a stored {@code style}); a JSON request names stored images. Everything is
 * checked first (counts, every image with the {@code ImageValidator}), then the images go into the work record when
 * they are small (FUNIT_TRANSLATE_INLINE_BYTES) or are stored under the new job's inputs, and the request is admitted
 * as {@code POST /v1/jobs/translate} admits it (model, style, images: {@link TranslateJob#admit}); a refused request
 * leaves nothing behind.
 * {@code Prefer: wait=N} holds the answer until the job ends or N seconds pass.
 */
public final class TranslationRoutes {
  static final String PATH = "/v1/translations";
  /** RFC 7240 leaves the bound to the server; a minute keeps requests well inside common proxy timeouts. */
  static final int MAX_WAIT_SECONDS = 60;
  private static final int MAX_OUTPUT_BYTES = 64 << 20;

  private static final TranslateJob TYPE = new TranslateJob();

  private final Vertx vertx;
  private final JobAdmission admission;
  private final JobStateProjection jobs;
  private final JobsOfType translations;
  private final JobWatcher watcher;
  private final ObjectStore store;
  private final RequestImages images;
  private final TranslationLimits limits;
  private final GatewaySettings settings;

  TranslationRoutes(JobApiServices services) {
    this.vertx = services.vertx();
    this.admission = services.admission();
    this.jobs = services.jobs();
    this.translations = new JobsOfType(vertx, jobs, services.submitter(), TranslateJob.TYPE, "translation");
    this.watcher = services.watcher();
    this.store = services.store();
    this.settings = services.settings();
    this.limits = settings.translationLimits();
    this.images = new RequestImages(store, limits);
  }

  /** Registers these routes with the gateway. */
  @AutoService(JobApi.class)
  public static final class Api extends JobApi {
    public Api() {
      super(TranslateJob.TYPE, services -> new TranslationRoutes(services)::mount);
    }
  }

  void mount(Router router) {
    // before the body is read: a deployment without translate workers refuses at once, as POST /v1/jobs/translate
    router.post(PATH).handler(admission.enabled(TranslateJob.TYPE));
    router.post(PATH).consumes("multipart/form-data")
        .handler(MemoryMultipart.orUploadDir(settings.maxTranslationBytes(), settings.uploadDir()))
        .handler(admission.fields()).handler(this::upload);
    router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes()))
        .handler(admission.fields()).handler(this::create);
    router.get(PATH).handler(this::list);
    router.get(PATH + "/:id").handler(ctx -> HttpJson.write(ctx, 200, view(translations.find(ctx))));
    router.get(PATH + "/:id/outputs/:index").handler(this::output);
    router.post(PATH + "/:id/cancel").handler(ctx -> translations.cancel(ctx, this::view));
  }

  /**
   * Multipart: the images come with the request. Once every image is valid they travel in the work record (small) or
   * are stored under the new job's inputs, and the request is admitted as any other; if it is refused or cannot be
   * enqueued, stored ones are deleted.
   */
  private void upload(RoutingContext ctx) {
    RequestImages.onlyFileFields(ctx, Set.of("content", "class"));
    List<FormFile> content = FormFile.named(ctx, "content");
    List<FormFile> classes = FormFile.named(ctx, "class");
    var form = ctx.request().formAttributes();
    String style = blankToNull(form.get("style"));
    String text = form.get("text") == null || form.get("text").isEmpty() ? null : form.get("text");
    String charset = blankToNull(form.get("charset"));
    checkCounts(new Fields("content", "class", "style"), content.size(), text != null || charset != null,
        classes.size(), style != null);
    String model = blankToNull(form.get("model"));
    String format = blankToNull(form.get("output_format"));
    int wait = preferredWait(ctx);
    String jobId = UUID.randomUUID().toString();
    HttpJson.blocking(vertx, () -> {
      List<ValidImage> contentImages = images.uploads("content", content);
      List<ValidImage> classImages = images.uploads("class", classes);
      List<String> contentKeys = inputKeys(jobId, "content", contentImages);
      List<String> classKeys = inputKeys(jobId, "class", classImages);
      TranslateRequest request;
      try {
        request = HttpJson.parse(() -> new TranslateRequest(model, contentKeys, classKeys.isEmpty() ? null : classKeys,
            style, format, text, charset));
      } catch (ProblemException refused) {
        throw formFields(refused);
      }
      List<String> keys = new ArrayList<>(contentKeys);
      keys.addAll(classKeys);
      List<ValidImage> all = new ArrayList<>(contentImages);
      all.addAll(classImages);
      Map<String, byte[]> attachments = attachable(keys, all);
      if (!attachments.isEmpty()) {
        // small: the work record carries the images, so neither side makes a round trip to the store for them
        try {
          return admission.admit(ctx, TYPE, request, jobId, "translation", attachments);
        } catch (ProblemException refused) {
          throw formFields(refused);
        }
      }
      try {
        storeAll(keys, all);
        return admission.admit(ctx, TYPE, request, jobId, "translation");
      } catch (RuntimeException e) {
        keys.forEach(this::deleteQuietly); // no job will ever read them (deleting one never written is harmless)
        throw e instanceof ProblemException refused ? formFields(refused)
            : ProblemException.unavailable("the translation could not be stored and enqueued: " + e.getMessage());
      }
    }).compose(job -> answer(ctx, job, wait)).onFailure(ctx::fail);
  }

  /** Admission names the request's fields; a form names them {@code style}, {@code content[i]}, {@code class[i]}. */
  private static ProblemException formFields(ProblemException refused) {
    String field = refused.problem().field();
    if (field == null) {
      return refused;
    }
    String renamed = field.replace("style_id", "style").replace("content_keys", "content")
        .replace("class_keys", "class");
    return renamed.equals(field) ? refused : new ProblemException(refused.problem().withField(renamed));
  }

  /** JSON: the images are already stored; admission checks that each named object exists and is the caller's. */
  private void create(RoutingContext ctx) {
    TranslateRequest request = HttpJson.parse(() -> JobRequests.parse(TranslateRequest.class, HttpJson.body(ctx)));
    checkCounts(new Fields("content_keys", "class_keys", "style_id"), request.contentKeys().size(),
        request.drawsContent(), request.classKeys().size(), request.styleId() != null);
    int wait = preferredWait(ctx);
    HttpJson.blocking(vertx, () -> admission.admit(ctx, TYPE, request, UUID.randomUUID().toString(), "translation",
        // the worker reads at most the gateway's image size: a larger stored image is refused here, not there
        admitted -> {
          images.exist("content_keys", admitted.contentKeys());
          images.exist("class_keys", admitted.classKeys());
        })).compose(job -> answer(ctx, job, wait)).onFailure(ctx::fail);
  }

  /** The request field names of one request form. */
  private record Fields(String content, String classes, String style) {}

  /** @param drawn the content is a text or the alphabet, drawn by the worker: no content images */
  private void checkCounts(Fields fields, int contentCount, boolean drawn, int classCount, boolean hasStyle) {
    if (contentCount == 0 && !drawn) {
      throw ProblemException.badRequest(fields.content(), "at least one content image (or text, or charset "
          + "'alphabet') is required");
    }
    if (contentCount > limits.maxContent()) {
      throw ProblemException.badRequest(fields.content(), "at most " + limits.maxContent()
          + " content images per request, got " + contentCount);
    }
    if (hasStyle && classCount > 0) {
      throw ProblemException.badRequest(fields.classes(), "give class images or " + fields.style() + ", not both");
    }
    if (!hasStyle && classCount == 0) {
      throw ProblemException.badRequest(fields.classes(), "at least one class image (or " + fields.style()
          + ") is required");
    }
    if (classCount > limits.maxClassImages()) {
      throw ProblemException.badRequest(fields.classes(), "at most " + limits.maxClassImages()
          + " class images (K) per request, got " + classCount);
    }
  }

  private static List<String> inputKeys(String jobId, String role, List<ValidImage> images) {
    List<String> keys = new ArrayList<>(images.size());
    for (int i = 0; i < images.size(); i++) {
      keys.add(StorageKeys.input(jobId, role + "-" + i + "." + images.get(i).extension()));
    }
    return keys;
  }

  /**
   * The images by key when they add up to at most FUNIT_TRANSLATE_INLINE_BYTES, for the work record to carry;
   * otherwise none (they are stored).
   */
  private Map<String, byte[]> attachable(List<String> keys, List<ValidImage> images) {
    long total = images.stream().mapToLong(image -> image.bytes().length).sum();
    if (total > settings.inlineInputBytes()) {
      return Map.of();
    }
    Map<String, byte[]> attachments = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      attachments.put(keys.get(i), images.get(i).bytes());
    }
    return attachments;
  }

  /** Writes the images at once (each write is a round trip that mostly waits); returns when all have ended. */
  private void storeAll(List<String> keys, List<ValidImage> images) {
    List<Callable<Object>> writes = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i);
      ValidImage image = images.get(i);
      writes.add(() -> store.putBytes(key, image.bytes(), RequestImages.contentType(image.extension())));
    }
    ConcurrentIo.all(writes);
  }

  private void deleteQuietly(String key) {
    try {
      store.delete(key);
    } catch (RuntimeException e) {
      // an orphaned input is harmless; the request fails either way
    }
  }

  /** 202 at once; with {@code Prefer: wait=N}, 200 if the job ends within N seconds, else 202 after them. */
  private Future<Void> answer(RoutingContext ctx, JobEvent submitted, int wait) {
    ctx.response().putHeader("Location", PATH + "/" + submitted.jobId());
    if (wait <= 0) {
      HttpJson.write(ctx, 202, view(submitted));
      return Future.succeededFuture();
    }
    return watcher.awaitTerminal(submitted.jobId(), Duration.ofSeconds(wait)).map(latest -> {
      if (ctx.response().closed()) {
        return null; // the client gave up waiting; the job goes on
      }
      JobEvent job = latest == null ? submitted : latest;
      ctx.response().putHeader("Preference-Applied", "wait=" + wait);
      HttpJson.write(ctx, job.state().terminal() ? 200 : 202, view(job));
      return null;
    });
  }

  /**
   * The {@code wait} preference of an RFC 7240 {@code Prefer} header in seconds, at most {@link #MAX_WAIT_SECONDS};
   * 0 when absent. A malformed preference is ignored, as the RFC asks of preferences a server cannot apply.
   */
  static int preferredWait(RoutingContext ctx) {
    for (String header : ctx.request().headers().getAll("Prefer")) {
      for (String preference : header.split(",")) {
        String token = preference.split(";", 2)[0].trim();
        int eq = token.indexOf('=');
        if (eq > 0 && token.substring(0, eq).trim().equalsIgnoreCase("wait")) {
          try {
            long seconds = Long.parseLong(token.substring(eq + 1).trim().replace("\"", ""));
            return (int) Math.max(0, Math.min(seconds, MAX_WAIT_SECONDS));
          } catch (NumberFormatException ignored) {
            return 0;
          }
        }
      }
    }
    return 0;
  }

  private void list(RoutingContext ctx) {
    JobListing page = JobListing.of(ctx, jobs, TranslateJob.TYPE);
    HttpJson.write(ctx, 200, new TranslationPage(page.items().stream().map(this::view).toList(),
        page.nextCursor()));
  }

  /** One page of a listing; {@code nextCursor} is absent on the last page. */
  public record TranslationPage(List<TranslationView> items, String nextCursor) {}

  /** An output by its index, or a text or alphabet translation's {@code sheet} or {@code zip}. */
  private void output(RoutingContext ctx) {
    JobEvent job = translations.find(ctx);
    String index = ctx.pathParam("index");
    TranslationResult.StoredFile output = TranslationView.result(job).flatMap(r -> TranslationView.file(r, index))
        .orElseThrow(() -> ProblemException.notFound("translation " + job.jobId() + " has no output " + index
            + " (it is " + job.state().wireName() + ")"));
    if (output.contentType().equals("application/zip")) {
      ctx.response().putHeader("Content-Disposition", "attachment; filename=\"glyphs-" + job.jobId() + ".zip\"");
    }
    HttpJson.serveStored(vertx, ctx, store, output.key(), MAX_OUTPUT_BYTES, output.contentType(),
        "private, max-age=31536000, immutable", // outputs are written once
        "output " + index + " of translation " + job.jobId() + " is not stored");
  }


  /**
   * Presigning only signs (the store's client has an explicit region, so it asks S3 nothing): cheap enough for the
   * event loop.
   */
  private TranslationView view(JobEvent job) {
    return TranslationView.of(job, (name, file) -> switch (settings.resultUrls()) {
      case PROXY -> PATH + "/" + job.jobId() + "/outputs/" + name;
      case PRESIGNED -> store.presignedGet(file.key(), settings.resultUrlExpiry());
    });
  }


  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
