package io.funit.gateway;

import io.funit.gateway.auth.ApiKeyAuth;
import io.funit.gateway.auth.KeyRing;
import io.funit.gateway.console.ConsoleRoutes;
import io.funit.gateway.health.HealthRoutes;
import io.funit.gateway.jobs.JobRoutes;
import io.funit.gateway.limits.RateLimitHandler;
import io.funit.gateway.limits.ServerLimits;
import io.funit.gateway.openapi.OpenApiRoutes;
import io.funit.gateway.problem.ProblemHandler;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.List;

/** The HTTP server: routes by feature, one failure handler that writes problem documents. */
final class GatewayVerticle extends VerticleBase {
  private final GatewaySettings settings;
  private final HealthRoutes health;
  private final JobRoutes jobs;
  private final List<java.util.function.Consumer<Router>> guards;
  private final List<java.util.function.Consumer<Router>> features;
  private final KeyRing keys;
  private final io.micrometer.core.instrument.MeterRegistry metrics;
  private HttpServer server;

  /**
   * {@code guards} mount handlers every {@code /v1} request passes after authentication (idempotency, the wait
   * for a job another gateway accepted);
   * {@code features} mount the feature routes (datasets, trainings, models...) after the job routes.
   */
  GatewayVerticle(GatewaySettings settings, HealthRoutes health, io.micrometer.core.instrument.MeterRegistry metrics,
      List<java.util.function.Consumer<Router>> guards, JobRoutes jobs,
      List<java.util.function.Consumer<Router>> features) {
    this.settings = settings;
    this.health = health;
    this.metrics = metrics;
    this.jobs = jobs;
    this.guards = List.copyOf(guards);
    this.features = List.copyOf(features);
    this.keys = new KeyRing(settings.apiKeys(), settings.apiKeysFile());
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(ServerLimits.options(settings.apiLimits()))
        .invalidRequestHandler(ServerLimits.invalidRequests(settings.apiLimits()))
        .requestHandler(router(vertx)).listen(settings.port(), settings.host())
        .onSuccess(s -> server = s);
  }

  /** Every route the gateway serves; the OpenAPI route test reads them from here. */
  Router router(io.vertx.core.Vertx vertx) {
    Router router = Router.router(vertx);
    health.mount(router);                                       // /healthz, /readyz, /metrics: no key needed
    OpenApiRoutes.mount(router);                                           // /openapi.json: no key needed
    ConsoleRoutes.mount(router);                                           // /, /console/*: the web console
    router.route("/v1/*").handler(new ApiKeyAuth(keys));                  // everything else needs a key
    router.route("/v1/*").handler(new RateLimitHandler(settings.apiLimits(), metrics)); // per key, RateLimit-* headers
    guards.forEach(guard -> guard.accept(router));                       // Idempotency-Key on POST
    jobs.mount(router);                                                    // /v1/jobs...
    features.forEach(feature -> feature.accept(router));                  // /v1/datasets, /v1/trainings, ...
    router.route().failureHandler(new ProblemHandler());
    ProblemHandler problems = new ProblemHandler();
    router.errorHandler(404, problems);
    router.errorHandler(405, problems);
    router.errorHandler(413, problems);
    router.errorHandler(415, problems);
    router.errorHandler(500, problems);
    return router;
  }

  /**
   * Undeploying (the gateway closing) stops taking connections and lets open requests finish, up to
   * {@link Gateway#SHUTDOWN_TIMEOUT}, before they are cut.
   */
  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.shutdown(Gateway.SHUTDOWN_TIMEOUT.toSeconds(),
        java.util.concurrent.TimeUnit.SECONDS);
  }

  int actualPort() {
    return server.actualPort();
  }
}
