package io.funit.gateway.webhooks;

import io.funit.common.kafka.JobStateProjection;
import io.funit.common.kafka.KafkaClients;
import io.funit.common.storage.ObjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * Wires the webhook parts. The dispatcher runs inside each gateway rather than as a service of its own: it needs
 * what a gateway already has (Kafka, the store, an HTTP client, the signing secrets), its work is waiting on
 * receivers, and the consumer group spreads the job-event partitions over however many gateways run.
 */
public final class Webhooks {
  private Webhooks() {}

  public static DeliveryRoutes routes(Vertx vertx, WebhookSettings settings, ObjectStore store,
      JobStateProjection jobs) {
    return new DeliveryRoutes(vertx, jobs, new DeliveryStore(store), attempts(vertx, settings, store, jobs));
  }

  /**
   * Starts this gateway's dispatcher (nothing when webhooks are off; its metrics are there anyway, at 0); closing
   * it stops it.
   */
  /** How long the dispatcher's fetches wait to fill: at most this much later than its event a webhook leaves. */
  static final Duration FETCH_WAIT = Duration.ofMillis(250);

  public static AutoCloseable startDispatcher(Vertx vertx, WebhookSettings settings, KafkaClients kafka,
      ObjectStore store, JobStateProjection jobs, String clientId, MeterRegistry registry) {
    WebhookMetrics metrics = new WebhookMetrics(registry);
    if (!settings.enabled()) {
      return () -> { };
    }
    String group = kafka.settings().topicPrefix() + "webhooks";
    // a webhook may leave up to FETCH_WAIT after its event: the dispatcher reads every job's events, most without one
    return new WebhookDispatcher(kafka.batchingConsumer(group, clientId, 500, FETCH_WAIT), kafka.topics().jobEvents(),
        new DeliveryStore(store), attempts(vertx, settings, store, jobs), Clock.systemUTC(), metrics).start();
  }

  private static DeliveryAttempts attempts(Vertx vertx, WebhookSettings settings, ObjectStore store,
      JobStateProjection jobs) {
    Clock clock = Clock.systemUTC();
    TenantSigners signers = new TenantSigners(settings,
        jobId -> jobs.get(jobId).map(io.funit.common.contract.JobEvent::owner).orElse(null));
    return new DeliveryAttempts(new WebhookSender(vertx, signers,
        new AddressGuard(settings.allowPrivate()), settings.timeout(), clock), new DeliveryStore(store),
        new BackoffSchedule(settings.backoffScale(), new SecureRandom()), clock);
  }
}
