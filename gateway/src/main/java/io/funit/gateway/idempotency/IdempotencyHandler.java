package io.funit.gateway.idempotency;

import io.funit.common.storage.ObjectStore;
import io.funit.gateway.GatewaySettings;
import io.funit.gateway.auth.Principal;
import io.funit.gateway.http.HttpJson;
import io.funit.gateway.problem.Problem;
import io.funit.gateway.problem.ProblemException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Idempotency-Key} on every {@code POST /v1/*}, in front of the feature routes so none of them needs to know.
 * With a key, it reads the body itself (with the limits the route would apply; the route's own BodyHandler then
 * sees the body is read and passes), fingerprints the request and claims the key in the object store before the
 * route runs. The same key and fingerprint replay the first 2xx answer ({@code Idempotent-Replayed: true}) and
 * nothing is enqueued again; a different fingerprint is a 422; a key whose first request still runs is a 409. A
 * non-2xx first answer gives the key back, so a retry runs again. Without the header, requests pass untouched.
 */
public final class IdempotencyHandler {
  public static final String HEADER = "Idempotency-Key";
  static final String REPLAYED = "Idempotent-Replayed";
  /** Headers of the first answer that a replay repeats; the rest (rate limits, dates) belong to the new answer. */
  private static final List<String> KEPT_HEADERS = List.of("Location", "Content-Type", "Preference-Applied");
  /** A retry that arrives while the first request finishes waits this long for its answer before a 409. */
  private static final long WAIT_FOR_FIRST_MILLIS = 5_000;
  private static final Logger LOG = LoggerFactory.getLogger(IdempotencyHandler.class);

  private final Vertx vertx;
  private final IdempotencyStore records;
  private final Handler<RoutingContext> jsonBody;
  private final Handler<RoutingContext> uploadBody;
  private final Handler<RoutingContext> imageBody;
  private final io.micrometer.core.instrument.Counter replays;

  public IdempotencyHandler(Vertx vertx, ObjectStore store, GatewaySettings settings,
      io.micrometer.core.instrument.MeterRegistry metrics) {
    this.vertx = vertx;
    this.replays = io.micrometer.core.instrument.Counter.builder("funit.idempotency.replays")
        .description("Requests answered with the first answer of their Idempotency-Key").register(metrics);
    this.records = new IdempotencyStore(store, settings.apiLimits().idempotencyTtl());
    // the same limits as the routes: JSON everywhere, archives on /v1/datasets, images on translations and styles
    this.jsonBody = BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes());
    this.uploadBody = BodyHandler.create(settings.uploadDir()).setBodyLimit(settings.maxUploadBytes())
        .setDeleteUploadedFilesOnEnd(true);
    this.imageBody = BodyHandler.create(settings.uploadDir()).setBodyLimit(settings.maxTranslationBytes())
        .setDeleteUploadedFilesOnEnd(true);
  }

  /** Mount after authentication and before the feature routes. */
  public void mount(Router router) {
    // no method on the route: it is not an endpoint of its own (the OpenAPI test lists endpoints by method)
    router.route("/v1/*").handler(this::readBody).handler(this::claim);
  }

  private void readBody(RoutingContext ctx) {
    String key = ctx.request().method() == io.vertx.core.http.HttpMethod.POST ? ctx.request().getHeader(HEADER) : null;
    if (key == null) {
      ctx.next();
      return;
    }
    if (!IdempotencyKeys.valid(key)) {
      throw ProblemException.badRequest(HEADER, "must be 1 to " + IdempotencyKeys.MAX_LENGTH
          + " printable ASCII characters");
    }
    String contentType = String.valueOf(ctx.request().getHeader("Content-Type")).toLowerCase(java.util.Locale.ROOT);
    if (!contentType.startsWith("multipart/form-data")) {
      jsonBody.handle(ctx);
    } else if (ctx.request().path().startsWith("/v1/datasets")) {
      uploadBody.handle(ctx);
    } else {
      imageBody.handle(ctx);
    }
  }

  private void claim(RoutingContext ctx) {
    String key = ctx.request().method() == io.vertx.core.http.HttpMethod.POST ? ctx.request().getHeader(HEADER) : null;
    if (key == null) {
      ctx.next();
      return;
    }
    String recordKey = IdempotencyStore.key(Principal.of(ctx).keyId(), key);
    HttpJson.blocking(vertx, () -> decide(recordKey, RequestFingerprint.of(ctx))).onSuccess(existing -> {
      if (existing.isEmpty()) {
        ctx.addEndHandler(ended -> remember(ctx, recordKey));
        ctx.next();
      } else {
        replay(ctx, existing.get());
      }
    }).onFailure(e -> {
      if (e instanceof IdempotencyInProgress) {
        ctx.response().putHeader("Retry-After", "1");
      }
      ctx.fail(e);
    });
  }

  /** Empty when this request owns the key now; else the completed record to replay. */
  private Optional<IdempotencyRecord> decide(String recordKey, String fingerprint) throws InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT_FOR_FIRST_MILLIS;
    while (true) {
      Optional<IdempotencyRecord> existing = records.claim(recordKey, fingerprint, Instant.now());
      if (existing.isEmpty()) {
        return existing;
      }
      IdempotencyRecord record = existing.get();
      if (!record.fingerprint().equals(fingerprint)) {
        throw new ProblemException(Problem.of(422, "idempotency-key-reused", "Idempotency key reused",
            "this Idempotency-Key was used for a different request (method, path or body); use a new key")
            .withField(HEADER));
      }
      if (!record.inProgress()) {
        return existing;
      }
      if (System.currentTimeMillis() >= deadline) {
        throw new IdempotencyInProgress();
      }
      Thread.sleep(100);
    }
  }

  private void replay(RoutingContext ctx, IdempotencyRecord record) {
    replays.increment();
    HttpServerResponse response = ctx.response().setStatusCode(record.status());
    record.headers().forEach(response::putHeader);
    response.putHeader(REPLAYED, "true");
    response.end(record.body() == null ? "" : record.body());
  }

  /** Keeps a 2xx answer for replays; any other answer gives the key back. */
  private void remember(RoutingContext ctx, String recordKey) {
    HttpServerResponse response = ctx.response();
    int status = response.getStatusCode();
    Map<String, String> headers = new LinkedHashMap<>();
    KEPT_HEADERS.forEach(name -> {
      if (response.headers().contains(name)) {
        headers.put(name, response.headers().get(name));
      }
    });
    String body = ctx.get(HttpJson.WRITTEN_BODY);
    HttpJson.blocking(vertx, () -> {
      if (status >= 200 && status < 300 && !ctx.failed()) {
        IdempotencyRecord claimed = records.read(recordKey).orElseThrow();
        records.complete(recordKey, claimed.completed(status, headers, body));
      } else {
        records.release(recordKey);
      }
      return null;
    }).onFailure(e -> LOG.warn("idempotency record {} could not be updated: {}", recordKey, e.toString()));
  }

  /** A 409: the key's first request is still running. */
  static final class IdempotencyInProgress extends ProblemException {
    IdempotencyInProgress() {
      super(Problem.of(409, "idempotency-key-in-use", "Idempotency key in use", "a request with this "
          + "Idempotency-Key is still being processed; retry shortly").withField(HEADER));
    }
  }
}
