package io.funit.deploy.soak;

import io.funit.common.config.S3Settings;
import io.funit.deploy.up.Installation;
import io.funit.deploy.up.ServiceJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded stack as {@code ./funit up} runs it, in a process of its own (so that the load and the sampling in
 * this process are not charged to the broker and S3 server that share {@code up}'s JVM). Its log goes to
 * {@code stack.log} in the run's directory.
 */
final class SoakStack implements AutoCloseable {
  /** Ports of the broker and S3 server: apart from {@code ./funit up}'s defaults, so that a running stack stays. */
  private static final int KAFKA_PORT = 19192;
  private static final int KAFKA_CONTROLLER_PORT = 19193;
  private static final int S3_PORT = 19190;
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
  private static final Pattern PROJECTION = Pattern.compile("(?m)^funit_job_state_jobs(?:\\{[^}]*})? ([0-9.eE+]+)");

  private final Process process;
  private final Path dataDir;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  private SoakStack(Process process, Path dataDir, int port) {
    this.process = process;
    this.dataDir = dataDir;
    this.port = port;
  }

  static SoakStack start(Installation installation, Path runDir, int port, Map<String, String> env)
      throws IOException, InterruptedException {
    Path dataDir = runDir.resolve("stack");
    List<String> command = new ArrayList<>(List.of(Installation.java().toString()));
    command.addAll(ServiceJvm.EMBEDDED_SERVERS); // as the launcher starts ./funit up
    command.addAll(List.of("-Dfunit.home=" + installation.home(), "-jar", installation.deployJar().toString(), "up",
        "--data", dataDir.toString(), "--port", Integer.toString(port),
        "--kafka-port", Integer.toString(KAFKA_PORT),
        "--kafka-controller-port", Integer.toString(KAFKA_CONTROLLER_PORT), "--s3-port", Integer.toString(S3_PORT)));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(runDir.resolve("stack.log").toFile());
    builder.environment().putAll(env);
    SoakStack stack = new SoakStack(builder.start(), dataDir, port);
    stack.awaitReady();
    return stack;
  }

  private void awaitReady() throws InterruptedException, IOException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the stack stopped while starting; see its stack.log");
      }
      if (Files.exists(dataDir.resolve("api-key")) && status("/readyz") == 200) {
        return;
      }
      Thread.sleep(1_000);
    }
    close();
    throw new IllegalStateException("the stack was not ready within " + READY_TIMEOUT);
  }

  private int status(String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(gatewayUrl() + path)).GET().build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  ProcessHandle process() {
    return process.toHandle();
  }

  String gatewayUrl() {
    return "http://127.0.0.1:" + port;
  }

  String apiKey() throws IOException {
    return Files.readString(dataDir.resolve("api-key")).trim();
  }

  /** What a client of the stack's object store needs. */
  Map<String, String> storeEnvironment() {
    return Map.of("FUNIT_S3_ENDPOINT", "http://127.0.0.1:" + S3_PORT, "FUNIT_S3_ACCESS_KEY", S3Settings.DEFAULT_KEY,
        "FUNIT_S3_SECRET_KEY", S3Settings.DEFAULT_KEY);
  }

  /** The gateway's {@code funit_job_state_jobs} gauge, when it answers. */
  Optional<Double> projectionSize() {
    try {
      String metrics = http.send(HttpRequest.newBuilder(URI.create(gatewayUrl() + "/metrics")).GET().build(),
          HttpResponse.BodyHandlers.ofString()).body();
      Matcher matcher = PROJECTION.matcher(metrics);
      return matcher.find() ? Optional.of(Double.parseDouble(matcher.group(1))) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** SIGTERM, as an operator stops {@code ./funit up}: it stops its children and servers. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
