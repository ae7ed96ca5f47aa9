package io.funit.gateway.styles;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.dataset.imports.ImageValidator.ValidImage;
import io.funit.common.storage.ObjectStore;
import io.funit.common.translate.StyleManifest;
import io.funit.common.translate.StyleStore;
import io.funit.common.translate.TranslationLimits;
import io.funit.gateway.GatewaySettings;
import io.funit.gateway.auth.Principal;
import io.funit.gateway.http.FormFile;
import io.funit.gateway.http.HttpJson;
import io.funit.gateway.http.MemoryMultipart;
import io.funit.gateway.images.RequestImages;
import io.funit.gateway.problem.ProblemException;
import io.funit.gateway.tenants.Ownership;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code /v1/styles}: K class images stored once under a style id, so that many translations can use the same
 * look without sending its images again (and the worker computes its class code once per model). Styles are plain
 * objects, not jobs: they are stored while the request waits. The images are checked exactly as a translation's.
 */
public final class StyleRoutes {
  static final String PATH = "/v1/styles";
  private static final int MAX_NAME_LENGTH = 200;
  /** Styles a listing shows, newest first. */
  static final int MAX_LISTED = 200;

  private final Vertx vertx;
  private final ObjectStore store;
  private final StyleStore styles;
  private final RequestImages images;
  private final TranslationLimits limits;
  private final GatewaySettings settings;
  private final Ownership owners;

  public StyleRoutes(Vertx vertx, ObjectStore store, GatewaySettings settings, Ownership owners) {
    this.owners = owners;
    this.vertx = vertx;
    this.store = store;
    this.styles = new StyleStore(store);
    this.limits = settings.translationLimits();
    this.images = new RequestImages(store, limits);
    this.settings = settings;
  }

  public void mount(Router router) {
    router.post(PATH).consumes("multipart/form-data")
        .handler(MemoryMultipart.orUploadDir(settings.maxTranslationBytes(), settings.uploadDir()))
        .handler(this::upload);
    router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes())).handler(this::create);
    router.get(PATH).handler(ctx -> HttpJson.blocking(vertx, () -> {
      Principal caller = Principal.of(ctx);
      return java.util.Map.of("items", styles.list().stream().filter(style -> caller.sees(style.owner()))
          .limit(MAX_LISTED).map(StyleView::of).toList());
    }).onSuccess(page -> HttpJson.write(ctx, 200, page)).onFailure(ctx::fail));
    router.get(PATH + "/:id").handler(ctx -> HttpJson.blocking(vertx, () -> StyleView.of(find(ctx)))
        .onSuccess(view -> HttpJson.write(ctx, 200, view)).onFailure(ctx::fail));
    router.get(PATH + "/:id/class/:j").handler(this::classImage);
  }

  private void upload(RoutingContext ctx) {
    RequestImages.onlyFileFields(ctx, Set.of("class"));
    List<FormFile> files = FormFile.named(ctx, "class");
    checkCount("class", files.size());
    String name = name(ctx.request().formAttributes().get("name"));
    store(ctx, () -> images.uploads("class", files), name);
  }

  private void create(RoutingContext ctx) {
    JsonNode body = HttpJson.body(ctx);
    if (body.has("dataset")) {
      fromDataset(ctx, body);
      return;
    }
    JsonNode keys = body.path("class_keys");
    if (!keys.isArray()) {
      throw ProblemException.badRequest("class_keys", "an array of stored image keys is required");
    }
    checkCount("class_keys", keys.size());
    List<String> classKeys = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      if (!keys.get(i).isTextual()) {
        throw ProblemException.badRequest("class_keys[" + i + "]", "must be a string");
      }
      classKeys.add(keys.get(i).asText());
    }
    JsonNode name = body.path("name");
    if (!name.isMissingNode() && !name.isNull() && !name.isTextual()) {
      throw ProblemException.badRequest("name", "must be a string");
    }
    store(ctx, () -> {
      for (int i = 0; i < classKeys.size(); i++) { // another tenant's image is as good as absent
        if (!owners.objectVisible(ctx, classKeys.get(i))) {
          throw ProblemException.badRequest("class_keys[" + i + "]", "nothing is stored at '" + classKeys.get(i)
              + "'");
        }
      }
      return images.stored("class_keys", classKeys);
    }, name(name.asText(null)));
  }

  /**
   * {@code {"dataset", "class", "k"}}: K images of one class of a built dataset the caller may use (a held-out font,
   * say), spread evenly over the class (for fonts: over its characters), so a style can be tried without files.
   */
  private void fromDataset(RoutingContext ctx, JsonNode body) {
    String datasetId = body.path("dataset").asText("");
    String className = body.path("class").asText("");
    int k = body.path("k").asInt(5);
    if (!body.path("k").isMissingNode() && !body.path("k").canConvertToInt()) {
      throw ProblemException.badRequest("k", "must be an integer");
    }
    checkCount("k", k);
    if (className.isBlank()) {
      throw ProblemException.badRequest("class", "the name of a class of the dataset is required");
    }
    String name = name(body.path("name").asText(className));
    store(ctx, () -> {
      if (!owners.datasetVisible(ctx, datasetId)) {
        throw ProblemException.badRequest("dataset", "no built dataset '" + datasetId + "'");
      }
      return new DatasetClassImages(store, images).pick(datasetId, className, k);
    }, name);
  }

  /** Validates (blocking), then stores the images and the manifest last; 201 with the style. */
  private void store(RoutingContext ctx, Callable<List<ValidImage>> validated, String name) {
    String id = UUID.randomUUID().toString();
    String tenant = Principal.of(ctx).tenant();
    HttpJson.blocking(vertx, () -> styles.create(id, name, validated.call(), tenant))
        .onSuccess(style -> {
          ctx.response().putHeader("Location", PATH + "/" + style.id());
          HttpJson.write(ctx, 201, StyleView.of(style));
        })
        .onFailure(ctx::fail);
  }

  private void checkCount(String field, int count) {
    if (count == 0) {
      throw ProblemException.badRequest(field, "at least one class image is required");
    }
    if (count > limits.maxClassImages()) {
      throw ProblemException.badRequest(field, "at most " + limits.maxClassImages() + " class images (K), got "
          + count);
    }
  }

  private static String name(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.length() > MAX_NAME_LENGTH) {
      throw ProblemException.badRequest("name", "at most " + MAX_NAME_LENGTH + " characters");
    }
    return value.trim();
  }

  private void classImage(RoutingContext ctx) {
    String j = ctx.pathParam("j");
    HttpJson.blocking(vertx, () -> {
      StyleManifest style = find(ctx);
      String key = style.classKeys().stream().skip(index(j, style.k())).findFirst()
          .orElseThrow(() -> ProblemException.notFound("style " + style.id() + " has no class image " + j));
      String type = RequestImages.contentType(key.substring(key.lastIndexOf('.') + 1));
      return new Image(type, store.readIfPresent(key, (int) Math.min(Integer.MAX_VALUE, limits.maxImageBytes()))
          .orElseThrow(() -> ProblemException.notFound("class image " + j + " of style " + style.id()
              + " is not stored")));
    }).onSuccess(image -> ctx.response().putHeader("Content-Type", image.contentType())
        .putHeader("Cache-Control", "private, max-age=31536000, immutable") // a style never changes
        .end(Buffer.buffer(image.bytes())))
        .onFailure(ctx::fail);
  }

  private record Image(String contentType, byte[] bytes) {}

  /** A class image index, or past the end (so nothing is found) when it is not one. */
  private static long index(String value, int k) {
    try {
      long j = Long.parseLong(value);
      return j < 0 ? k : j;
    } catch (NumberFormatException e) {
      return k;
    }
  }

  /** Blocks: reads the manifest. Another tenant's style is not found. */
  private StyleManifest find(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Principal caller = Principal.of(ctx);
    return styles.find(id).filter(style -> caller.sees(style.owner()))
        .orElseThrow(() -> ProblemException.notFound("no style " + id));
  }
}
