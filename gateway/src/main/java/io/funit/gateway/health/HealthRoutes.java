package io.funit.gateway.health;

import io.funit.gateway.http.HttpJson;
import io.funit.common.json.Json;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** {@code /healthz}: the process serves HTTP. {@code /readyz}: it can also reach Kafka and S3 and knows all jobs. */
public final class HealthRoutes {
  private final Vertx vertx;
  private final ReadinessProbe probe;

  public HealthRoutes(Vertx vertx, ReadinessProbe probe) {
    this.vertx = vertx;
    this.probe = probe;
  }

  public void mount(Router router) {
    router.get("/healthz").handler(this::live);
    router.get("/readyz").handler(this::ready);
  }

  private void live(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/json").end(Json.write(Map.of("status", "ok")));
  }

  private void ready(RoutingContext ctx) {
    HttpJson.blocking(vertx, probe::check).onComplete(result -> {
      if (result.failed()) {
        ctx.fail(result.cause());
        return;
      }
      ReadinessProbe.Report report = result.result();
      ctx.response().setStatusCode(report.ready() ? 200 : 503).putHeader("Content-Type", "application/json")
          .end(Json.write(Map.of("status", report.ready() ? "ready" : "not ready", "checks", report.checks())));
    });
  }
}
