package io.funit.deploy.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.config.Settings;
import io.funit.common.contract.JobEvent;
import io.funit.common.json.Json;
import io.funit.common.kafka.KafkaClients;
import io.funit.common.storage.ObjectStore;
import io.funit.common.testing.Infra;
import io.funit.common.testing.TopicReader;
import io.funit.common.worker.WorkerRuntime;
import io.funit.common.worker.WorkerSettings;
import io.funit.common.worker.probe.ProbeHandler;
import io.funit.gateway.Gateway;
import io.funit.gateway.GatewaySettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One isolated FUNIT system on the shared real servers: its own topic prefix, a real gateway (in this JVM, on a
 * free port) and real worker runtimes with the probe handler. Closed after each test class.
 */
final class TestStack implements AutoCloseable {
  static final String API_KEY = "it-key";

  final Settings settings;
  final KafkaClients kafka;
  final ObjectStore store;
  private final List<AutoCloseable> running = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private Gateway gateway;

  TestStack(Infra infra, Map<String, String> extra) {
    this.settings = infra.isolatedSettings(Map.of("FUNIT_API_KEYS", API_KEY, "FUNIT_GATEWAY_PORT", "0",
        "FUNIT_WORKER_RETRY_BACKOFF_MS", "100", "FUNIT_WORKER_PROGRESS_INTERVAL_MS", "0",
        // worker processes a test starts take a free port for their probes, never a fixed one
        "FUNIT_WORKER_HTTP_PORT", "0")).with(extra);
    this.kafka = Infra.kafka(settings);
    this.store = Infra.store(settings);
  }

  Gateway startGateway() throws InterruptedException {
    return startGateway(store);
  }

  /** A gateway that reaches the object store through {@code its} client (e.g. over a route a test can cut). */
  Gateway startGateway(ObjectStore its) throws InterruptedException {
    Gateway started = Gateway.start(GatewaySettings.from(settings), kafka, its);
    started.awaitCaughtUp(Duration.ofSeconds(30));
    running.add(started);
    gateway = started;
    return started;
  }

  int startedGatewayPort() {
    return gateway.port();
  }

  WorkerRuntime startWorker(String workerId) {
    WorkerRuntime worker = WorkerRuntime.start(kafka, WorkerSettings.from(settings).withWorkerId(workerId),
        List.of(new ProbeHandler(store)));
    running.add(worker);
    return worker;
  }

  /** A worker that builds datasets (as train workers do), with its scratch space under {@code workDir}. */
  WorkerRuntime startDatasetWorker(String workerId, java.nio.file.Path workDir) {
    WorkerRuntime worker = WorkerRuntime.start(kafka, WorkerSettings.from(settings).withWorkerId(workerId),
        List.of(io.funit.worker.train.dataset.DatasetJobHandler.fromSettings(store,
            settings.with(Map.of("FUNIT_WORK_DIR", workDir.toString())))));
    running.add(worker);
    return worker;
  }

  /** A train worker in this JVM (training and dataset jobs), with its caches under {@code dir}. */
  WorkerRuntime startTrainWorker(String workerId, java.nio.file.Path dir) {
    Settings local = settings.with(Map.of("FUNIT_CACHE_DIR", dir.resolve("cache").toString(),
        "FUNIT_WORK_DIR", dir.resolve("work").toString()));
    WorkerRuntime worker = WorkerRuntime.start(kafka, WorkerSettings.from(local).withWorkerId(workerId),
        List.of(io.funit.worker.train.TrainJobHandler.fromSettings(store, local)));
    running.add(worker);
    return worker;
  }

  /** A multipart/form-data POST with one file field and plain fields. */
  Response postMultipart(String path, String fileField, String fileName, byte[] file, Map<String, String> fields)
      throws IOException, InterruptedException {
    String boundary = "funit-" + java.util.UUID.randomUUID();
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    for (Map.Entry<String, String> field : fields.entrySet()) {
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
          + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
        + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    body.writeBytes(file);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return send(request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary));
  }

  /** A part of a multipart/form-data body: a file when {@code fileName} is set, else a text field. */
  record Part(String field, String fileName, byte[] content) {
    static Part file(String field, String fileName, byte[] content) {
      return new Part(field, fileName, content);
    }

    static Part text(String field, String value) {
      return new Part(field, null, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  /** A multipart/form-data POST of the parts in order (repeated fields allowed), with extra headers. */
  HttpResponse<String> postParts(String path, List<Part> parts, Map<String, String> headers)
      throws IOException, InterruptedException {
    String boundary = "funit-" + java.util.UUID.randomUUID();
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    for (Part part : parts) {
      String disposition = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.field() + "\""
          + (part.fileName() == null ? "\r\n\r\n" : "; filename=\"" + part.fileName()
              + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
      body.writeBytes(disposition.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      body.writeBytes(part.content());
      body.writeBytes("\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary);
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A JSON POST with extra headers (e.g. {@code Prefer}); the whole response, headers included. */
  HttpResponse<String> postJson(String path, String json, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofString(json))
        .header("Content-Type", "application/json");
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A GET read line by line as it arrives (Server-Sent Events); the stream ends when the server ends the response. */
  HttpResponse<java.util.stream.Stream<String>> getLines(String path) throws IOException, InterruptedException {
    return http.send(request(path).GET().header("Accept", "text/event-stream").build(),
        HttpResponse.BodyHandlers.ofLines());
  }

  static Response response(HttpResponse<String> response) {
    return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
        response.body());
  }

  HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
    return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Closes {@code service} with the stack (workers a test builds itself). */
  <T extends AutoCloseable> T track(T service) {
    running.add(service);
    return service;
  }

  void stop(AutoCloseable service) throws Exception {
    running.remove(service);
    service.close();
  }

  Response post(String path, String json) throws IOException, InterruptedException {
    return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json"));
  }

  Response get(String path) throws IOException, InterruptedException {
    return send(request(path).GET());
  }

  /** Submits a probe job and returns its id. */
  String submitProbe(String json) throws IOException, InterruptedException {
    Response response = post("/v1/jobs/probe", json);
    if (response.status() != 202) {
      throw new AssertionError("submit answered " + response.status() + ": " + response.body());
    }
    return response.json().get("id").asText();
  }

  JsonNode job(String id) throws IOException, InterruptedException {
    return get("/v1/jobs/" + id).json();
  }

  JsonNode awaitState(String id, String state, Duration timeout) {
    await().atMost(timeout).pollInterval(Duration.ofMillis(100))
        .until(() -> job(id).path("state").asText(), state::equals);
    try {
      return job(id);
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** Every event of one job on the job-event topic, in order. */
  List<JobEvent> events(String jobId) {
    return TopicReader.readAll(kafka, kafka.topics().jobEvents()).stream()
        .filter(r -> jobId.equals(r.key()))
        .sorted(java.util.Comparator.comparingLong(r -> r.offset()))
        .map(r -> {
          try {
            return Json.MAPPER.readValue(r.value(), JobEvent.class);
          } catch (IOException e) {
            throw new AssertionError(e);
          }
        }).toList();
  }

  private HttpRequest.Builder request(String path) {
    return request(gateway, path);
  }

  private HttpRequest.Builder request(Gateway at, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + at.port() + path))
        .header("Authorization", "Bearer " + API_KEY).timeout(Duration.ofSeconds(30));
  }

  /** A GET answered by the gateway {@code at}, not by the one started last. */
  Response getFrom(Gateway at, String path) throws IOException, InterruptedException {
    return send(request(at, path).GET());
  }

  /** A JSON POST answered by the gateway {@code at}. */
  Response postTo(Gateway at, String path, String json) throws IOException, InterruptedException {
    return send(request(at, path).POST(HttpRequest.BodyPublishers.ofString(json))
        .header("Content-Type", "application/json"));
  }

  private Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
        response.body());
  }

  record Response(int status, String contentType, String body) {
    JsonNode json() throws IOException {
      return Json.MAPPER.readTree(body);
    }
  }

  @Override
  public void close() throws Exception {
    for (int i = running.size() - 1; i >= 0; i--) {
      running.get(i).close();
    }
  }
}
