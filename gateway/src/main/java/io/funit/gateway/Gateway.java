package io.funit.gateway;

import io.funit.common.health.Readiness;
import io.funit.common.jobs.AdmissionContext;
import io.funit.common.kafka.JobEventPublisher;
import io.funit.common.kafka.JobStateProjection;
import io.funit.common.kafka.KafkaClients;
import io.funit.common.metrics.Buckets;
import io.funit.common.metrics.ProcessMetrics;
import io.funit.common.models.ModelCards;
import io.funit.common.models.ModelRegistry;
import io.funit.common.storage.ObjectStore;
import io.funit.gateway.health.HealthRoutes;
import io.funit.gateway.idempotency.IdempotencyHandler;
import io.funit.gateway.jobs.ActiveJobQuota;
import io.funit.gateway.jobs.JobAdmission;
import io.funit.gateway.jobs.JobApi;
import io.funit.gateway.jobs.JobApiServices;
import io.funit.gateway.jobs.JobEventStream;
import io.funit.gateway.jobs.JobRoutes;
import io.funit.gateway.jobs.JobSubmitter;
import io.funit.gateway.jobs.JobWatcher;
import io.funit.gateway.jobs.ReadAfterOtherGateway;
import io.funit.gateway.metrics.ConsumerLagMetrics;
import io.funit.gateway.models.ModelRoutes;
import io.funit.gateway.styles.StyleRoutes;
import io.funit.gateway.tenants.Ownership;
import io.funit.gateway.retention.JobRetention;
import io.funit.gateway.webhooks.WebhookFields;
import io.funit.gateway.webhooks.Webhooks;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/** A running gateway: its Vert.x instance, Kafka clients and job-state projection, closed together. */
public final class Gateway implements AutoCloseable {
  /**
   * How long a closing gateway lets open requests finish (a {@code Prefer: wait} translation may wait up to 60 s,
   * most take less than one): an orchestrator's grace period must cover the drain delay, this, and the clients' close.
   */
  public static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
  private final Vertx vertx;
  private final KafkaProducer<String, String> producer;
  private final Admin admin;
  private final JobStateProjection projection;
  private final int port;
  private final ProcessMetrics metrics;
  private final Readiness readiness;
  private final ConsumerLagMetrics consumerLag;
  /** This gateway's webhook dispatcher (docs/architecture.md, "Webhooks"). */
  private AutoCloseable webhookDispatcher = () -> { };
  /** Forgets finished jobs past their retention, so that the projection stays bounded. */
  private JobRetention retention;

  private Gateway(Vertx vertx, KafkaProducer<String, String> producer, Admin admin, JobStateProjection projection,
      int port, ProcessMetrics metrics, Readiness readiness, ConsumerLagMetrics consumerLag) {
    this.vertx = vertx;
    this.producer = producer;
    this.admin = admin;
    this.projection = projection;
    this.port = port;
    this.metrics = metrics;
    this.readiness = readiness;
    this.consumerLag = consumerLag;
  }

  /** Starts serving; readiness turns green once the job-state projection has caught up. */
  public static Gateway start(GatewaySettings settings, KafkaClients kafka, ObjectStore store) {
    String instance = "gateway-" + UUID.randomUUID().toString().substring(0, 8);
    JobStateProjection projection = new JobStateProjection(kafka, instance + "-projection").start();
    KafkaProducer<String, String> producer = kafka.producer(instance);
    Admin admin = kafka.admin();
    ProcessMetrics metrics = new ProcessMetrics(httpServerMeterFilters());
    Vertx vertx = Vertx.builder().with(new VertxOptions().setMetricsOptions(httpServerMetrics()))
        .withMetrics(new MicrometerMetricsFactory(metrics.registry())).build();
    Readiness readiness = new Readiness(admin, store, projection, List.of());
    GatewayVerticle verticle = verticle(vertx, settings, kafka, store, projection, producer, readiness, metrics);
    try {
      vertx.deployVerticle(verticle).await();
    } catch (Exception e) {
      vertx.close();
      projection.close();
      producer.close();
      admin.close();
      metrics.close();
      throw new IllegalStateException("gateway cannot listen on " + settings.host() + ":" + settings.port()
          + ": " + e.getMessage(), e);
    }
    ConsumerLagMetrics consumerLag = new ConsumerLagMetrics(admin, kafka.topics(), metrics.registry()).start();
    Gateway gateway = new Gateway(vertx, producer, admin, projection, verticle.actualPort(), metrics, readiness,
        consumerLag);
    gateway.retention = new JobRetention(settings.jobRetention(), projection, producer, kafka.topics().jobEvents(),
        java.time.Clock.systemUTC(), metrics.registry()).start();
    gateway.webhookDispatcher = Webhooks.startDispatcher(vertx, settings.webhooks(), kafka, store, projection,
        instance + "-webhooks", metrics.registry());
    return gateway;
  }

  /**
   * Vert.x names a sub-router's route by every route it passed ({@code /v1/>/v1/>/v1/translations}): the label keeps
   * the last, the route that answered. Response times get histogram buckets, so that p99 can be computed across
   * gateways.
   */
  private static MeterFilter[] httpServerMeterFilters() {
    return new MeterFilter[] {MeterFilter.replaceTagValues("route",
        route -> route.substring(route.lastIndexOf('>') + 1)), new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (id.getName().equals("vertx.http.server.response.time")) {
          return DistributionStatisticConfig.builder().serviceLevelObjectives(
              java.util.Arrays.stream(Buckets.FAST_SECONDS).mapToDouble(d -> d.toNanos()).toArray()).build()
              .merge(config);
        }
        return config;
      }
    }};
  }

  /**
   * Vert.x's Micrometer metrics, HTTP server only (requests, durations, sizes, connections), labelled by method,
   * route template and status code: bounded, unlike the raw path, which holds ids.
   */
  private static MicrometerMetricsOptions httpServerMetrics() {
    MicrometerMetricsOptions options = new MicrometerMetricsOptions().setEnabled(true)
        .setLabels(java.util.EnumSet.of(Label.HTTP_METHOD, Label.HTTP_ROUTE, Label.HTTP_CODE));
    for (MetricsDomain domain : MetricsDomain.values()) {
      if (domain != MetricsDomain.HTTP_SERVER) {
        options.addDisabledMetricsCategory(domain);
      }
    }
    return options;
  }

  /**
   * Every feature wired to the clients; nothing connects until the verticle is deployed. A seam for tests that
   * need the routes the gateway serves ({@link GatewayVerticle#router}).
   */
  static GatewayVerticle verticle(Vertx vertx, GatewaySettings settings, KafkaClients kafka, ObjectStore store,
      JobStateProjection projection, Producer<String, String> producer, Readiness readiness, ProcessMetrics metrics) {
    JobEventPublisher events = new JobEventPublisher(producer, kafka.topics(), projection);
    JobSubmitter submitter = new JobSubmitter(producer, kafka.topics(), events,
        new WebhookFields(vertx, settings.webhooks()),
        new ActiveJobQuota(projection, settings.maxActiveJobs(), metrics.registry()), metrics.registry());
    ModelCards cards = new ModelCards(new ModelRegistry(store));
    Ownership owners = new Ownership(projection, store, cards);
    JobAdmission admission = new JobAdmission(submitter, owners, new AdmissionContext(store, cards, projection::get),
        settings.enabledTypes());
    JobRoutes jobs = new JobRoutes(vertx, submitter, projection, admission, settings.maxBodyBytes());
    ModelRoutes models = new ModelRoutes(vertx, new ModelRegistry(store), owners);
    JobWatcher watcher = new JobWatcher(vertx, projection);
    JobEventStream jobEvents = new JobEventStream(vertx, projection, watcher);
    JobApiServices services = new JobApiServices(vertx, settings, admission, submitter, projection, watcher, store,
        owners);
    StyleRoutes styles = new StyleRoutes(vertx, store, settings, owners);
    HealthRoutes health = new HealthRoutes(vertx, readiness, metrics);
    IdempotencyHandler idempotency = new IdempotencyHandler(vertx, store, settings, metrics.registry());
    List<Consumer<Router>> features = new ArrayList<>(List.of(jobEvents::mount, models::mount, styles::mount,
        Webhooks.routes(vertx, settings.webhooks(), store, projection)::mount));
    for (JobApi api : jobApis()) {
      features.add(router -> api.mount(router, services));
    }
    GatewayVerticle verticle = new GatewayVerticle(settings, health, metrics.registry(),
        List.of(idempotency::mount, new ReadAfterOtherGateway(projection)::mount), jobs, features);
    return verticle;
  }

  /** Every job type's own routes on the classpath ({@link JobApi}), in type order: no list of them to keep. */
  static List<JobApi> jobApis() {
    return ServiceLoader.load(JobApi.class).stream().map(ServiceLoader.Provider::get)
        .sorted(Comparator.comparing(JobApi::type)).toList();
  }

  public int port() {
    return port;
  }

  public JobStateProjection projection() {
    return projection;
  }

  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return projection.awaitCaughtUp(timeout);
  }

  /** From now on {@code /readyz} answers 503, so that load balancers stop sending requests (SIGTERM). */
  public void startDraining() {
    readiness.startDraining();
  }

  @Override
  public void close() {
    consumerLag.close();
    if (retention != null) {
      retention.close(); // before the producer it writes tombstones with
    }
    try {
      webhookDispatcher.close(); // before Vert.x: its attempts use Vert.x's HTTP client
    } catch (Exception e) {
      org.slf4j.LoggerFactory.getLogger(Gateway.class).warn("webhook dispatcher: {}", e.toString());
    }
    vertx.close().await();
    producer.close(Duration.ofSeconds(5));
    admin.close(Duration.ofSeconds(5));
    projection.close();
    metrics.close();
  }
}
