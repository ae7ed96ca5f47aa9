package io.funit.deploy.chaos;

import io.funit.common.config.KafkaSettings;
import io.funit.common.config.S3Settings;
import io.funit.common.config.Settings;
import io.funit.common.kafka.KafkaClients;
import io.funit.common.kafka.TopicInitializer;
import io.funit.common.storage.ObjectStore;
import io.funit.deploy.up.Installation;
import io.funit.deploy.up.ServiceJvm;
import io.funit.deploy.up.ShippedModel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The product laid out on the lab's hosts: Kafka, S3, gateways, workers and a webhook receiver, each the same jar
 * and configuration a deployment uses, in its host's namespace and bound to its host's address. A host's services
 * can be killed (SIGKILL to everything in it) and started again, as a replaced node would be.
 */
final class ChaosStack implements AutoCloseable {
  static final int KAFKA_PORT = 9092;
  static final int KAFKA_CONTROLLER_PORT = 9093;
  static final int S3_PORT = 9000;
  static final int GATEWAY_PORT = 8080;
  static final int WORKER_HTTP_PORT = 8081;
  static final int RECEIVER_PORT = 8088;
  private static final Logger LOG = LoggerFactory.getLogger(ChaosStack.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

  private final NetworkLab lab;
  private final LabLayout layout;
  private final Path dataDir;
  private final Installation installation;
  private final Map<String, String> serviceEnv;
  private final java.util.function.Function<String, Map<String, String>> hostExtras;
  private final Map<String, Process> processes = new LinkedHashMap<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /**
   * @param dataDir where every host keeps its state and logs ({@code <host>/...}, {@code logs/<host>.log})
   * @param extraEnv settings for every service on top of the lab's (a scenario's shorter timeouts, say)
   * @param hostExtras settings for one host's services on top of everything (a scenario's skewed clock, say)
   */
  ChaosStack(NetworkLab lab, LabLayout layout, Path dataDir, Installation installation, String apiKey,
      String webhookSecret, Map<String, String> extraEnv,
      java.util.function.Function<String, Map<String, String>> hostExtras) {
    this.hostExtras = hostExtras;
    this.lab = lab;
    this.layout = layout;
    this.dataDir = dataDir;
    this.installation = installation;
    Map<String, String> env = new HashMap<>();
    env.put("FUNIT_KAFKA_BOOTSTRAP", kafkaBootstrap());
    env.put("FUNIT_S3_ENDPOINT", s3Endpoint());
    env.put("FUNIT_S3_ACCESS_KEY", S3Settings.DEFAULT_KEY);
    env.put("FUNIT_S3_SECRET_KEY", S3Settings.DEFAULT_KEY);
    env.put("FUNIT_API_KEYS", apiKey);
    env.put("FUNIT_WEBHOOK_SECRETS", webhookSecret);
    // the receiver is on the lab's private subnet, which production refuses as a webhook target (SSRF guard)
    env.put("FUNIT_WEBHOOK_ALLOW_PRIVATE", "true");
    // one client sends everything: the per-key rate limit would answer 429s that have nothing to do with faults
    env.put("FUNIT_RATE_LIMIT_PER_MINUTE", "1000000");
    env.put("FUNIT_RATE_LIMIT_BURST", "100000");
    env.putAll(extraEnv);
    this.serviceEnv = Map.copyOf(env);
  }

  String kafkaBootstrap() {
    return lab.host(LabLayout.KAFKA).address() + ":" + KAFKA_PORT;
  }

  String s3Endpoint() {
    return "http://" + lab.host(LabLayout.S3).address() + ":" + S3_PORT;
  }

  String gatewayUrl(String gatewayHost) {
    return "http://" + lab.host(gatewayHost).address() + ":" + GATEWAY_PORT;
  }

  String receiverUrl() {
    return "http://" + lab.host(LabLayout.WEBHOOKS).address() + ":" + RECEIVER_PORT + "/hook";
  }

  Path receiverLog() {
    return dataDir.resolve(LabLayout.WEBHOOKS).resolve("deliveries.jsonl");
  }

  Path hostDir(String host) {
    return dataDir.resolve(host);
  }

  /** What a client on the client host uses to reach Kafka and S3 directly (the audit reads both). */
  Settings clientSettings() {
    return Settings.of(serviceEnv);
  }

  /** Starts every host's services in dependency order and waits until each is ready. */
  void startAll() throws Exception {
    start(LabLayout.KAFKA);
    start(LabLayout.S3);
    awaitPort(lab.host(LabLayout.KAFKA).address(), KAFKA_PORT);
    awaitPort(lab.host(LabLayout.S3).address(), S3_PORT);
    Settings settings = clientSettings();
    TopicInitializer.ensureTopics(new KafkaClients(KafkaSettings.from(settings)));
    ObjectStore store = new ObjectStore(S3Settings.from(settings));
    store.ensureBucket();
    ShippedModel.installIfNoDefault(store, ShippedModel.directory(installation));
    start(LabLayout.WEBHOOKS);
    for (String gateway : layout.gatewayHosts()) {
      start(gateway);
    }
    for (String kind : List.of("translate", "train", "eval")) {
      for (String worker : layout.workerHosts(kind)) {
        start(worker);
      }
    }
    for (String gateway : layout.gatewayHosts()) {
      awaitReady(gatewayUrl(gateway) + "/readyz");
    }
    for (String kind : List.of("translate", "train", "eval")) {
      for (String worker : layout.workerHosts(kind)) {
        awaitReady("http://" + lab.host(worker).address() + ":" + WORKER_HTTP_PORT + "/readyz");
      }
    }
    awaitPort(lab.host(LabLayout.WEBHOOKS).address(), RECEIVER_PORT);
  }

  /** Starts the service of {@code host} (again): its process in its namespace, its output appended to its log. */
  synchronized void start(String host) throws IOException {
    Process old = processes.get(host);
    if (old != null && old.isAlive()) {
      throw new IllegalStateException(host + " is still running");
    }
    Files.createDirectories(hostDir(host));
    Path log = logOf(host);
    Files.createDirectories(log.getParent());
    List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", lab.host(host).namespace()));
    command.addAll(serviceCommand(host));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(serviceEnv);
    builder.environment().putAll(hostEnv(host));
    builder.environment().putAll(hostExtras.apply(host));
    if (LabLayout.workerKind(host).isPresent()) {
      ServiceJvm.allocatorInto(builder.environment());
    }
    processes.put(host, builder.start());
    LOG.info("started {} on {}", host, lab.host(host).address());
  }

  NetworkLab lab() {
    return lab;
  }

  /** The log of a host's service, or of a tool ({@code <host>-<tool>}). */
  Path logOf(String name) {
    return dataDir.resolve("logs").resolve(name + ".log");
  }

  /**
   * Starts a lab tool of the deploy jar ({@code serve delay-proxy ...}) in {@code host}, beside its service, logging
   * to {@code logs/<host>-<name>.log}; the caller stops it.
   */
  Process startTool(String host, String name, List<String> arguments) throws IOException {
    Path log = logOf(host + "-" + name);
    Files.createDirectories(log.getParent());
    List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", lab.host(host).namespace(),
        Installation.java().toString(), "-Xmx64m", "-jar", installation.deployJar().toString()));
    command.addAll(arguments);
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
  }

  /** SIGKILL to every process of the host, as when its node is lost. */
  void kill(String host) throws InterruptedException {
    lab.killAll(lab.host(host));
    Process process = processes.get(host);
    if (process != null) {
      process.waitFor();
    }
  }

  /** SIGTERM, as an orchestrator stops a service; waits for it to exit. */
  void stop(String host) throws InterruptedException {
    Process process = processes.get(host);
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        kill(host);
      }
    }
  }

  private List<String> serviceCommand(String host) {
    String java = Installation.java().toString();
    String address = lab.host(host).address();
    String deployJar = installation.deployJar().toString();
    return switch (host) {
      case LabLayout.KAFKA -> List.of(java, "-Xmx384m", "-jar", deployJar, "serve", "kafka", "--host", address,
          "--port", Integer.toString(KAFKA_PORT), "--controller-port", Integer.toString(KAFKA_CONTROLLER_PORT),
          "--dir", hostDir(host).toString());
      case LabLayout.S3 -> List.of(java, "-Xmx256m", "-jar", deployJar, "serve", "s3", "--host", address, "--port",
          Integer.toString(S3_PORT), "--dir", hostDir(host).resolve("objects").toString());
      case LabLayout.WEBHOOKS -> List.of(java, "-Xmx64m", "-jar", deployJar, "serve", "webhook-receiver", "--host",
          address, "--port", Integer.toString(RECEIVER_PORT), "--log", receiverLog().toString());
      default -> {
        if (host.startsWith("gateway-")) {
          yield ServiceJvm.gateway(installation.gatewayJar().toString());
        }
        String kind = LabLayout.workerKind(host)
            .orElseThrow(() -> new IllegalArgumentException("no service is known for host " + host));
        // tensors live outside the heap; the lab's training and evaluation datasets are small
        String heap = kind.equals("translate") ? ServiceJvm.TRANSLATE_HEAP : "-Xmx1g";
        yield ServiceJvm.worker(heap, installation.workerJar(kind).toString());
      }
    };
  }

  /** What differs per host: its address, its identity and its own scratch space. */
  private Map<String, String> hostEnv(String host) {
    Map<String, String> env = new HashMap<>();
    String address = lab.host(host).address();
    env.put("FUNIT_WORK_DIR", hostDir(host).resolve("work").toString());
    env.put("FUNIT_CACHE_DIR", hostDir(host).resolve("cache").toString());
    if (host.startsWith("gateway-")) {
      env.put("FUNIT_GATEWAY_HOST", address);
      env.put("FUNIT_GATEWAY_PORT", Integer.toString(GATEWAY_PORT));
      env.put("FUNIT_UPLOAD_DIR", hostDir(host).resolve("uploads").toString());
    } else if (!host.equals(LabLayout.KAFKA) && !host.equals(LabLayout.S3) && !host.equals(LabLayout.WEBHOOKS)) {
      env.put("FUNIT_WORKER_ID", host);
      env.put("FUNIT_WORKER_HTTP_HOST", address);
      env.put("FUNIT_WORKER_HTTP_PORT", Integer.toString(WORKER_HTTP_PORT));
    }
    return env;
  }

  private static void awaitPort(String address, int port) throws InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(address, port), 1000);
        return;
      } catch (IOException notYet) {
        Thread.sleep(250);
      }
    }
    throw new IllegalStateException(address + ":" + port + " did not open within " + READY_TIMEOUT.toSeconds() + " s");
  }

  /** Waits for 200 from a readiness probe. */
  void awaitReady(String url) throws InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(url + " was not ready within " + READY_TIMEOUT.toSeconds() + " s");
  }

  /** Each host's process, for CPU and memory accounting. */
  Map<String, Process> processes() {
    return Map.copyOf(processes);
  }

  /** Stops everything: the services first (they hand work back), then the receiver, S3 and Kafka. */
  @Override
  public void close() throws InterruptedException {
    List<String> order = new ArrayList<>(processes.keySet());
    order.removeAll(List.of(LabLayout.KAFKA, LabLayout.S3, LabLayout.WEBHOOKS));
    order.addAll(List.of(LabLayout.WEBHOOKS, LabLayout.S3, LabLayout.KAFKA));
    for (String host : order) {
      try {
        stop(host);
      } catch (RuntimeException e) {
        LOG.warn("stopping {}: {}", host, e.toString());
      }
    }
  }
}
