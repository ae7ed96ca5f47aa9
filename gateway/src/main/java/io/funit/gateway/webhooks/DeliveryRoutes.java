package io.funit.gateway.webhooks;

import io.funit.common.kafka.JobStateProjection;
import io.funit.gateway.http.HttpJson;
import io.funit.gateway.problem.ProblemException;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** A job's delivery log ({@code GET /v1/jobs/{id}/deliveries}) and manual redelivery of one message. */
public final class DeliveryRoutes {
  private final Vertx vertx;
  private final JobStateProjection jobs;
  private final DeliveryStore store;
  private final DeliveryAttempts attempts;

  DeliveryRoutes(Vertx vertx, JobStateProjection jobs, DeliveryStore store, DeliveryAttempts attempts) {
    this.vertx = vertx;
    this.jobs = jobs;
    this.store = store;
    this.attempts = attempts;
  }

  /** The log: every message of the job in event order, without the payload. */
  public record DeliveryLog(String jobId, List<DeliveryView> items) {}

  /** One message as the log shows it. */
  public record DeliveryView(String webhookId, String event, String url, String state, java.time.Instant createdAt,
      java.time.Instant nextAttemptAt, List<Delivery.Attempt> attempts) {
    static DeliveryView of(Delivery d) {
      return new DeliveryView(d.webhookId(), d.event().wireName(), d.url(), d.state().wireName(), d.createdAt(),
          d.nextAttemptAt() == null || d.finished() ? null : d.nextAttemptAt(), d.attempts());
    }
  }

  public void mount(Router router) {
    router.get("/v1/jobs/:id/deliveries").handler(this::log);
    router.post("/v1/jobs/:id/deliveries/:webhookId/redeliver").handler(this::redeliver);
  }

  private void log(RoutingContext ctx) {
    String jobId = job(ctx);
    HttpJson.blocking(vertx, () -> new DeliveryLog(jobId, store.forJob(jobId).stream().map(DeliveryView::of).toList()))
        .onSuccess(log -> HttpJson.write(ctx, 200, log)).onFailure(ctx::fail);
  }

  private void redeliver(RoutingContext ctx) {
    String jobId = job(ctx);
    String webhookId = ctx.pathParam("webhookId");
    HttpJson.blocking(vertx, () -> {
      Delivery delivery;
      try {
        delivery = store.find(jobId, webhookId).orElse(null);
      } catch (IllegalArgumentException e) {
        delivery = null;
      }
      if (delivery == null) {
        throw ProblemException.notFound("job " + jobId + " has no webhook message " + webhookId);
      }
      if (!delivery.finished()) {
        throw ProblemException.conflict("webhook message " + webhookId + " is still pending; its next attempt is at "
            + delivery.nextAttemptAt());
      }
      return DeliveryView.of(attempts.redeliver(delivery));
    }).onSuccess(view -> HttpJson.write(ctx, 200, view)).onFailure(ctx::fail);
  }

  private String job(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    return jobs.get(id).filter(io.funit.gateway.tenants.Ownership.visible(ctx))
        .orElseThrow(() -> ProblemException.notFound("no job " + id)).jobId();
  }
}
