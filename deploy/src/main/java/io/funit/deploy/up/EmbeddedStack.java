package io.funit.deploy.up;

import io.funit.common.config.KafkaSettings;
import io.funit.common.config.S3Settings;
import io.funit.common.config.Settings;
import io.funit.common.embedded.EmbeddedKafka;
import io.funit.common.embedded.EmbeddedS3;
import io.funit.common.embedded.FreePorts;
import io.funit.common.kafka.KafkaClients;
import io.funit.common.kafka.TopicInitializer;
import io.funit.common.storage.ObjectStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded stack: Kafka and S3 in this JVM, the gateway and workers as child processes (so each can be
 * killed or scaled on its own, exactly as in a cluster). Everything keeps its state in the data directory.
 */
public final class EmbeddedStack implements AutoCloseable {
  /**
   * Whether the default model's training dataset is built again in the background when the store lacks it (a fresh
   * data directory), so its held-out figures can be checked and it can be evaluated: default true.
   */
  public static final String REBUILD_DATASET = "FUNIT_REBUILD_MODEL_DATASET";
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);
  private static final long CHILD_STOP_GRACE_SECONDS = 45;
  /** Training and evaluation hold datasets on the heap. */
  private static final String MODEL_HEAP = "-Xmx2g";

  private final StackLayout layout;
  private final EmbeddedKafka kafka;
  private final EmbeddedS3 s3;
  private final List<ChildProcess> children = new ArrayList<>();
  /** Each worker's health and metrics port, by child name (translate-1, ...), in start order. */
  private final Map<String, Integer> workerPorts = new java.util.LinkedHashMap<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private String apiKey;
  private Settings settings;

  private EmbeddedStack(StackLayout layout, EmbeddedKafka kafka, EmbeddedS3 s3) {
    this.layout = layout;
    this.kafka = kafka;
    this.s3 = s3;
  }

  public static EmbeddedStack start(StackLayout layout, Installation installation) throws Exception {
    return start(layout, installation, Map.of());
  }

  /**
   * As {@link #start(StackLayout, Installation)}, with settings for every child on top (benchmarks compare
   * configurations this way, e.g. FUNIT_TRANSLATE_MAX_BATCH=1).
   */
  public static EmbeddedStack start(StackLayout layout, Installation installation, Map<String, String> extra)
      throws Exception {
    long started = System.nanoTime();
    Files.createDirectories(layout.dataDir());
    String apiKey = SecretFile.apiKey(layout.apiKeyFile());
    EmbeddedKafka kafka = EmbeddedKafka.start(layout.kafkaDir(), layout.kafkaPort(), layout.kafkaControllerPort());
    EmbeddedS3 s3 = EmbeddedS3.start(layout.s3Dir(), layout.s3Port(), S3Settings.DEFAULT_KEY, S3Settings.DEFAULT_KEY);
    EmbeddedStack stack = new EmbeddedStack(layout, kafka, s3);
    Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "funit-up-shutdown"));
    Map<String, String> env = new HashMap<>(extra);
    env.putAll(stack.serviceEnvironment(apiKey));
    Settings settings = Settings.fromEnvironment().with(env);
    stack.apiKey = apiKey;
    stack.settings = settings;
    TopicInitializer.ensureTopics(new KafkaClients(KafkaSettings.from(settings)));
    ObjectStore store = new ObjectStore(S3Settings.from(settings));
    store.ensureBucket();
    String defaultModel = ShippedModel.installIfNoDefault(store, ShippedModel.directory(installation));
    if (defaultModel != null && settings.bool(REBUILD_DATASET, true)) {
      ShippedModel.rebuildDatasetInBackground(store, defaultModel);
    }
    stack.startChildren(installation, env);
    stack.awaitReady();
    stack.printBanner(apiKey, Duration.ofNanos(System.nanoTime() - started));
    return stack;
  }

  /** What every child needs to find the embedded servers; overrides the caller's environment for these keys. */
  private Map<String, String> serviceEnvironment(String apiKey) {
    Map<String, String> env = new HashMap<>();
    env.put("FUNIT_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
    env.put("FUNIT_S3_ENDPOINT", s3.endpoint());
    env.put("FUNIT_S3_ACCESS_KEY", s3.accessKey());
    env.put("FUNIT_S3_SECRET_KEY", s3.secretKey());
    env.put("FUNIT_GATEWAY_PORT", Integer.toString(layout.gatewayPort()));
    env.put("FUNIT_GATEWAY_HOST", "127.0.0.1");
    env.put("FUNIT_API_KEYS", apiKey); // the first key stays a plain one: admin of tenant default
    // tenants' keys made with ./funit keys, unless the operator keeps them elsewhere
    if (System.getenv("FUNIT_API_KEYS_FILE") == null) {
      env.put("FUNIT_API_KEYS_FILE", layout.apiKeysFile().toString());
    }
    // one signing secret per data directory, unless the operator lists their own (e.g. during a rotation)
    if (System.getenv("FUNIT_WEBHOOK_SECRETS") == null) {
      try {
        env.put("FUNIT_WEBHOOK_SECRETS", SecretFile.webhookSecret(layout.webhookSecretFile()));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("cannot keep the webhook secret in " + layout.webhookSecretFile(), e);
      }
    }
    // scratch space inside the data directory, unless the operator chose another place
    if (System.getenv("FUNIT_WORK_DIR") == null) {
      env.put("FUNIT_WORK_DIR", layout.dataDir().resolve("work").toString());
    }
    if (System.getenv("FUNIT_UPLOAD_DIR") == null) {
      env.put("FUNIT_UPLOAD_DIR", layout.dataDir().resolve("uploads").toString());
    }
    return env;
  }

  private void startChildren(Installation installation, Map<String, String> env) throws IOException {
    children.add(new ChildProcess("gateway",
        ServiceJvm.gateway(installation.gatewayJar().toString()), env, System.out));
    layout.workers().counts().forEach((kind, count) -> {
      for (int i = 1; i <= count; i++) {
        Map<String, String> workerEnv = new HashMap<>(env);
        workerEnv.put("FUNIT_WORKER_ID", kind + "-" + i);
        int port = FreePorts.pick();
        workerPorts.put(kind + "-" + i, port);
        workerEnv.put("FUNIT_WORKER_HTTP_HOST", "127.0.0.1");
        workerEnv.put("FUNIT_WORKER_HTTP_PORT", Integer.toString(port));
        ServiceJvm.allocatorInto(workerEnv);
        if (kind.equals("translate")) {
          ServiceJvm.translateThreadsInto(workerEnv);
        }
        String heap = kind.equals("translate") ? ServiceJvm.TRANSLATE_HEAP : MODEL_HEAP;
        children.add(new ChildProcess(kind + "-" + i,
            ServiceJvm.besideServingPath(kind, heap, installation.workerJar(kind).toString()), workerEnv, System.out));
      }
    });
    for (ChildProcess child : children) {
      child.start();
    }
  }

  private void awaitReady() throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    URI readyz = URI.create(gatewayUrl() + "/readyz");
    long deadline = System.nanoTime() + Duration.ofSeconds(layout.readyTimeoutSeconds()).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(readyz).timeout(Duration.ofSeconds(3)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // the gateway is still starting
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the gateway did not become ready within " + layout.readyTimeoutSeconds() + " s");
  }

  /** The API key of the stack's gateway. */
  public String apiKey() {
    return apiKey;
  }

  /** What the services were configured with: lets an in-process client reach Kafka and S3 directly. */
  public Settings settings() {
    return settings;
  }

  public String gatewayUrl() {
    return "http://127.0.0.1:" + layout.gatewayPort();
  }

  /** Each worker's base URL for /healthz, /readyz and /metrics, by name (translate-1, train-1, ...). */
  /** CPU time used so far by each child process (gateway, workers), by name. */
  public Map<String, Duration> childCpuTimes() {
    Map<String, Duration> times = new java.util.LinkedHashMap<>();
    children.forEach(child -> times.put(child.name(), child.cpuTime()));
    return times;
  }

  /** The process id of each running child (gateway, workers) by name, for per-thread accounting. */
  public Map<String, Long> childPids() {
    Map<String, Long> pids = new java.util.LinkedHashMap<>();
    children.forEach(child -> child.pid().ifPresent(pid -> pids.put(child.name(), pid)));
    return pids;
  }

  public Map<String, String> workerUrls() {
    Map<String, String> urls = new java.util.LinkedHashMap<>();
    workerPorts.forEach((name, port) -> urls.put(name, "http://127.0.0.1:" + port));
    return urls;
  }

  private void printBanner(String apiKey, Duration startup) {
    System.out.printf("""

        FUNIT is up (ready in %.1f s).
          Gateway  %s        API key: %s (admin)
        %s
          Kafka    %s
          S3       %s        bucket %s, access key %s, secret key %s
          Data     %s
        Try:
          curl -s -H 'Authorization: Bearer %s' -H 'Content-Type: application/json' \\
               -d '{"steps": 3, "step_millis": 500}' %s/v1/jobs/probe
        Keys for tenants: ./funit keys create --tenant NAME (kept hashed in %s)
        Ctrl-C stops everything.

        """, startup.toMillis() / 1000.0, gatewayUrl(), apiKey, workerLines(), kafka.bootstrapServers(), s3.endpoint(), "funit",
        s3.accessKey(), s3.secretKey(), layout.dataDir(), apiKey, gatewayUrl(), layout.apiKeysFile());
  }

  /** The banner's lines on probes and metrics: the gateway's on its own port, then one line per worker. */
  private String workerLines() {
    StringBuilder lines = new StringBuilder("  Metrics  " + gatewayUrl() + "/metrics (gateway); workers serve "
        + "/healthz, /readyz and /metrics at");
    workerUrls().forEach((name, url) -> lines.append(String.format("%n    %-12s %s", name, url)));
    return lines.toString();
  }

  public void awaitShutdown() throws InterruptedException {
    stopped.await();
  }

  /** Children first (they hand their jobs back through Kafka), then S3, then Kafka. Idempotent. */
  @Override
  public synchronized void close() {
    if (stopped.getCount() == 0) {
      return;
    }
    LOG.info("stopping the embedded stack");
    children.forEach(ChildProcess::signalStop);
    for (ChildProcess child : children) {
      try {
        child.awaitStop(CHILD_STOP_GRACE_SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      s3.close();
    } catch (Exception e) {
      LOG.warn("S3 stop: {}", e.toString());
    }
    kafka.close();
    stopped.countDown();
    System.out.println("FUNIT stopped; state kept in " + layout.dataDir());
  }
}
