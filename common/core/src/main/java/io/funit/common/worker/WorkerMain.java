package io.funit.common.worker;

import io.funit.common.config.KafkaSettings;
import io.funit.common.config.S3Settings;
import io.funit.common.config.Settings;
import io.funit.common.health.HealthServer;
import io.funit.common.health.HealthServerSettings;
import io.funit.common.health.Readiness;
import io.funit.common.kafka.KafkaClients;
import io.funit.common.kafka.TopicInitializer;
import io.funit.common.logging.LogFormat;
import io.funit.common.metrics.ProcessMetrics;
import io.funit.common.storage.ObjectStore;
import io.micrometer.core.instrument.Gauge;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The common start-up of every worker process: configuration, topics, bucket, runtime, the health and metrics
 * port, and the drain on SIGTERM (docs/operations.md): readiness turns 503 at once, the slots stop taking work and
 * hand their jobs back (a training checkpoints its last finished iteration; translations already in a batch
 * finish), offsets are committed, and the process exits once the shutdown hooks are done: exit status 143, the
 * JVM's answer to SIGTERM after a clean shutdown.
 */
public final class WorkerMain {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerMain.class);

  private WorkerMain() {}

  /**
   * The handlers of the worker called {@code worker}: made by every {@link JobHandlerFactory} on the classpath that
   * names it or every worker, in type order.
   */
  public static List<JobHandler<?>> handlers(String worker, WorkerServices services) {
    return java.util.ServiceLoader.load(JobHandlerFactory.class).stream().map(java.util.ServiceLoader.Provider::get)
        .filter(factory -> factory.worker().equals(worker) || factory.worker().equals(JobHandlerFactory.EVERY_WORKER))
        .<JobHandler<?>>map(factory -> factory.create(services))
        .sorted(java.util.Comparator.comparing(JobHandler::type)).toList();
  }

  /**
   * The handlers named by FUNIT_WORKER_JOB_TYPES (comma-separated wire names), all of them when it is unset: so
   * one image can run part of its job types, e.g. GPU train workers without dataset builds.
   *
   * @throws IllegalArgumentException naming the variable for a type this worker does not run, or none left
   */
  public static List<JobHandler<?>> select(List<JobHandler<?>> handlers, Settings settings) {
    String wanted = settings.string("FUNIT_WORKER_JOB_TYPES", "");
    if (wanted.isBlank()) {
      return handlers;
    }
    List<String> offered = handlers.stream().map(h -> h.type().wireName()).toList();
    java.util.Set<String> names = new java.util.LinkedHashSet<>();
    for (String name : wanted.split(",")) {
      String type = name.trim();
      if (!type.isEmpty() && !offered.contains(type)) {
        throw new IllegalArgumentException("FUNIT_WORKER_JOB_TYPES names " + type + ", which this worker does not "
            + "run; it runs " + String.join(", ", offered));
      }
      if (!type.isEmpty()) {
        names.add(type);
      }
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException("FUNIT_WORKER_JOB_TYPES names no job type; this worker runs "
          + String.join(", ", offered));
    }
    return handlers.stream().filter(h -> names.contains(h.type().wireName())).toList();
  }

  /**
   * Runs until SIGTERM/SIGINT, then drains and exits. A configuration error ends the process at once with status 2
   * and the message on stderr.
   *
   * @param device selects the compute device the handlers' models run on and names it (logged, and a label of
   *     funit_worker_info); may refuse to start with an IllegalStateException, e.g. FUNIT_DEVICE=gpu without one
   */
  public static void run(String name, Settings settings, Supplier<String> device,
      Function<WorkerServices, List<JobHandler<?>>> handlers) {
    io.funit.common.jvm.CommonPool.keepThreads(); // before the Kafka and S3 clients first use the pool
    WorkerSettings workerSettings;
    HealthServerSettings http;
    String deviceName;
    try {
      LogFormat.check();
      workerSettings = WorkerSettings.from(settings);
      http = HealthServerSettings.from(settings);
      deviceName = device.get();
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("funit-" + name + ": " + e.getMessage());
      System.exit(2);
      return;
    }
    KafkaClients kafka = new KafkaClients(KafkaSettings.from(settings));
    ObjectStore store = new ObjectStore(S3Settings.from(settings));
    ProcessMetrics metrics = new ProcessMetrics();
    Gauge.builder("funit.worker.info", () -> 1).description("This worker: its kind and compute device")
        .tag("worker", name).tag("device", deviceName).register(metrics.registry());
    // the probes first: a port conflict stops the worker before it takes any work; until the runtime runs, the
    // process is alive but not ready
    AtomicReference<WorkerRuntime> running = new AtomicReference<>();
    AtomicReference<List<Readiness.Check>> handlerChecks = new AtomicReference<>(List.of());
    Admin admin = kafka.admin();
    Readiness readiness = new Readiness(admin, store,
        () -> running.get() != null && running.get().projection().healthy(), handlerChecks::get);
    HealthServer health;
    try {
      // while draining, the loops end on purpose: liveness must not get the pod killed before it has handed back
      health = HealthServer.start(http.host(), http.port(),
          () -> running.get() == null || readiness.draining() || running.get().alive(), readiness, metrics);
    } catch (IllegalStateException e) {
      System.err.println("funit-" + name + ": " + e.getMessage());
      System.exit(2);
      return;
    }
    WorkerRuntime runtime;
    try {
      TopicInitializer.ensureTopics(kafka);
      store.ensureBucket();
      List<JobHandler<?>> jobHandlers = select(handlers.apply(new WorkerServices(settings, store, metrics.registry())),
          settings);
      handlerChecks.set(jobHandlers.stream().flatMap(h -> h.readinessChecks().stream()).toList());
      runtime = WorkerRuntime.start(kafka, workerSettings, jobHandlers, metrics.registry());
    } catch (RuntimeException e) {
      // the probe server's thread would keep a half-started worker alive and "healthy": end it, so it is restarted
      LOG.error("{} {} could not start: {}", name, workerSettings.workerId(), e.toString(), e);
      health.close();
      System.exit(e instanceof IllegalArgumentException ? 2 : 1);
      return;
    }
    running.set(runtime);
    // a first check at once: it starts what readiness waits for (the translate worker loads its default model)
    java.util.concurrent.CompletableFuture.runAsync(readiness::check);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      long start = System.nanoTime();
      readiness.startDraining();
      LOG.info("{} {} draining: not ready, handing running jobs back", name, workerSettings.workerId());
      runtime.close();
      LOG.info("{} {} drained in {} ms", name, workerSettings.workerId(), (System.nanoTime() - start) / 1_000_000);
      health.close();
      admin.close(Duration.ofSeconds(5));
      metrics.close();
      stopped.countDown();
    }, "shutdown"));
    LOG.info("{} {} started (Kafka {}, bucket {}, device {}); health and metrics on http://{}:{}/", name,
        workerSettings.workerId(), kafka.settings().bootstrapServers(), store.bucket(), deviceName, http.host(),
        health.port());
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
