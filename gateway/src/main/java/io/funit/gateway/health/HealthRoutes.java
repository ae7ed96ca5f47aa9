package io.funit.gateway.health;

import io.funit.common.health.HealthServer;
import io.funit.common.health.Readiness;
import io.funit.common.json.Json;
import io.funit.common.metrics.ProcessMetrics;
import io.funit.gateway.http.HttpJson;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * The operator's routes, without a key: {@code /healthz} (the process serves HTTP), {@code /readyz} (it can also
 * reach Kafka and S3, knows all jobs, and is not draining) and {@code /metrics} (Prometheus text).
 */
public final class HealthRoutes {
  private final Vertx vertx;
  private final Readiness readiness;
  private final ProcessMetrics metrics;

  public HealthRoutes(Vertx vertx, Readiness readiness, ProcessMetrics metrics) {
    this.vertx = vertx;
    this.readiness = readiness;
    this.metrics = metrics;
  }

  /** The same paths as a worker's ({@link HealthServer}), so one probe configuration fits every process. */
  public void mount(Router router) {
    router.get(HealthServer.LIVENESS).handler(this::live);
    router.get(HealthServer.READINESS).handler(this::ready);
    router.get(HealthServer.METRICS).handler(this::metrics);
  }

  private void live(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/json").end(Json.write(Map.of("status", "ok")));
  }

  private void ready(RoutingContext ctx) {
    HttpJson.blocking(vertx, readiness::check).onComplete(result -> {
      if (result.failed()) {
        ctx.fail(result.cause());
        return;
      }
      Readiness.Report report = result.result();
      ctx.response().setStatusCode(report.ready() ? 200 : 503).putHeader("Content-Type", "application/json")
          .end(Json.write(Map.of("status", report.ready() ? "ready" : "not ready", "checks", report.checks())));
    });
  }

  private void metrics(RoutingContext ctx) {
    // a scrape walks every meter: off the event loop
    HttpJson.blocking(vertx, metrics::scrape).onComplete(result -> {
      if (result.failed()) {
        ctx.fail(result.cause());
        return;
      }
      ctx.response().putHeader("Content-Type", ProcessMetrics.CONTENT_TYPE).end(result.result());
    });
  }
}
