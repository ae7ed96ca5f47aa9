package io.funit.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.dataset.imports.TestArchives;
import io.funit.common.json.Json;
import io.funit.common.models.ModelCard;
import io.funit.common.models.ModelRegistry;
import io.funit.common.storage.ObjectInfo;
import io.funit.common.testing.Infra;
import io.funit.common.testing.InfraExtension;
import io.funit.deploy.it.TestStack.Part;
import io.funit.deploy.up.ShippedModel;
import io.funit.gateway.Gateway;
import io.funit.gateway.GatewaySettings;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gateway side of translations and styles, and the job event stream, through the real gateway, Kafka and S3,
 * with no translate worker: what the gateway refuses (and that it then stores and enqueues nothing), what it
 * accepts and stores, {@code Prefer: wait}, and Server-Sent Events of a probe job run by a real worker.
 */
@ExtendWith(InfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TranslationApiIT {
  private static final int K = 3;
  private static final Map<String, String> NONE = Map.of();
  private TestStack stack;
  private String model;

  @BeforeAll
  void start(Infra infra) throws Exception {
    // a bucket of its own: the default model and the inputs/ and styles/ listings belong to this class alone
    stack = new TestStack(infra, Map.of("FUNIT_S3_BUCKET", "funit-it-tr-" + UUID.randomUUID().toString().substring(0, 8),
        "FUNIT_TRANSLATE_MAX_CLASS_IMAGES", String.valueOf(K), "FUNIT_TRANSLATE_MAX_CONTENT", "4",
        "FUNIT_MAX_TRANSLATION_BYTES", "2000000", "FUNIT_TRANSLATE_MAX_IMAGE_BYTES", "1000000",
        // uploads are stored here, as large ones always are; TranslationJobIT covers small ones in the work record
        "FUNIT_TRANSLATE_INLINE_BYTES", "0"));
    stack.startGateway();
    Path shipped = shippedModel();
    ModelCard card = ShippedModel.register(stack.store, shipped); // not the default yet
    model = card.id();
  }

  @AfterAll
  void stop() throws Exception {
    stack.close();
  }

  @Test
  @Order(1)
  void badTranslationRequestsAreProblemsNamingTheFieldAndLeaveNothingStoredOrEnqueued() throws Exception {
    stack.store.putBytes("inputs/earlier/content.png", png(0), "image/png");
    stack.store.putBytes("inputs/earlier/huge.png", new byte[1_100_000], "image/png");
    int jobsBefore = translateJobs();
    List<String> inputsBefore = keys("inputs/");

    refused(multipart(List.of(file("content", "notes.txt", "hello".getBytes()), file("class", "a.png", png(1))),
        model), 400, "content[0]", "notes.txt", "not an image");
    refused(multipart(List.of(file("content", "a.png", png(0)), file("class", "ok.png", png(1)),
        file("class", "cut.png", TestArchives.truncated(png(2)))), model), 400, "class[1]", "cut.png", "truncated");
    refused(multipart(List.of(file("content", "a.png", png(0)), file("content", "bomb.png", pngClaiming(100_000,
        100_000)), file("class", "b.png", png(1))), model), 400, "content[1]", "bomb.png", "too large");
    refused(multipart(List.of(file("content", "a.png", png(0))), model), 400, "class", "class image");
    List<Part> tooMany = new ArrayList<>(List.of(file("content", "a.png", png(0))));
    for (int j = 0; j <= K; j++) {
      tooMany.add(file("class", "c" + j + ".png", png(j)));
    }
    refused(multipart(tooMany, model), 400, "class", "at most " + K);
    refused(multipart(List.of(file("class", "b.png", png(1))), model), 400, "content", "content image");
    refused(multipart(List.of(file("content", "a.png", png(0)), file("class", "b.png", png(1))), "no-such-model"),
        400, "model", "no-such-model");
    refused(multipart(List.of(file("content", "a.png", png(0)), file("class", "b.png", png(1))), null), 400,
        "model", "no default model");
    refused(multipart(List.of(file("content", "a.png", png(0)), Part.text("style", "no-such-style"),
        Part.text("model", model)), null), 400, "style", "no-such-style");
    refused(multipart(List.of(file("content", "big.png", new byte[2_100_000]), file("class", "b.png", png(1))), model),
        413, null, "exceeds the limit");

    refused(TestStack.response(stack.postJson("/v1/translations", "{\"model\":\"" + model + "\",\"content_keys\":"
        + "[\"inputs/earlier/content.png\",\"inputs/earlier/missing.png\"],\"class_keys\":"
        + "[\"inputs/earlier/content.png\"]}", NONE)), 400, "content_keys[1]", "inputs/earlier/missing.png");
    refused(TestStack.response(stack.postJson("/v1/translations", "{\"model\":\"" + model + "\",\"content_keys\":"
        + "[\"inputs/earlier/content.png\"],\"style_id\":\"no-such-style\"}", NONE)), 400, "style_id", "no-such-style");
    // a stored image over the gateway's size limit: refused at admission, never handed to a worker
    refused(TestStack.response(stack.postJson("/v1/translations", "{\"model\":\"" + model + "\",\"content_keys\":"
        + "[\"inputs/earlier/huge.png\"],\"class_keys\":[\"inputs/earlier/content.png\"]}", NONE)), 400,
        "content_keys[0]", "too large");
    refused(TestStack.response(stack.postJson("/v1/translations", "{\"model\":\"nope\",\"content_keys\":"
        + "[\"inputs/earlier/content.png\"],\"class_keys\":[\"inputs/earlier/content.png\"]}", NONE)), 400, "model",
        "nope");

    assertThat(translateJobs()).isEqualTo(jobsBefore);
    assertThat(keys("inputs/")).isEqualTo(inputsBefore);
  }

  @Test
  @Order(2)
  void validUploadIsStoredAndEnqueuedAndWaitingEndsAfterTheAskedTime() throws Exception {
    new ModelRegistry(stack.store).setDefault(model);
    HttpResponse<String> accepted = stack.postParts("/v1/translations", List.of(file("content", "a.png", png(0)),
        file("content", "b.jpg", TestArchives.image("jpg", 40, 30, 3)), file("class", "c.png", png(1)),
        file("class", "d.png", png(2)), Part.text("output_format", "jpeg")), NONE);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    JsonNode view = Json.MAPPER.readTree(accepted.body());
    String id = view.path("id").asText();
    assertThat(accepted.headers().firstValue("Location")).hasValue("/v1/translations/" + id);
    assertThat(view.path("status").asText()).isEqualTo("queued");
    assertThat(view.path("model").asText()).isEqualTo(model);
    assertThat(view.path("k").asInt()).isEqualTo(2);
    assertThat(view.path("output_format").asText()).isEqualTo("jpeg");
    assertThat(view.path("events_url").asText()).isEqualTo("/v1/jobs/" + id + "/events");
    assertThat(view.path("outputs").isArray()).isTrue();
    assertThat(keys("inputs/" + id + "/")).containsExactly("inputs/" + id + "/class-0.png",
        "inputs/" + id + "/class-1.png", "inputs/" + id + "/content-0.png", "inputs/" + id + "/content-1.jpg");

    JsonNode job = stack.job(id);
    assertThat(job.path("type").asText()).isEqualTo("translate");
    assertThat(job.path("request").path("content_keys").get(1).asText()).isEqualTo("inputs/" + id + "/content-1.jpg");
    assertThat(stack.get("/v1/translations/" + id).json().path("status").asText()).isEqualTo("queued");
    assertThat(stack.get("/v1/translations?status=queued").json().path("items").findValuesAsText("id")).contains(id);
    assertThat(stack.get("/v1/translations/" + id + "/outputs/0").status()).isEqualTo(404);
    assertThat(stack.get("/v1/translations/no-such-id").status()).isEqualTo(404);

    // stored images named by key, and no worker to finish the job: the wait ends after the asked second with 202
    long started = System.nanoTime();
    HttpResponse<String> waited = stack.postJson("/v1/translations", "{\"content_keys\":[\"inputs/" + id
        + "/content-0.png\"],\"class_keys\":[\"inputs/" + id + "/class-0.png\"]}", Map.of("Prefer", "wait=1"));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertThat(waited.statusCode()).as(waited.body()).isEqualTo(202);
    assertThat(millis).isBetween(900L, 5_000L);
    assertThat(waited.headers().firstValue("Preference-Applied")).hasValue("wait=1");

    TestStack.Response canceled = stack.post("/v1/translations/" + id + "/cancel", "");
    assertThat(canceled.status()).as(canceled.body()).isEqualTo(202);
    assertThat(canceled.json().path("status").asText()).isEqualTo("canceled");
    assertThat(stack.post("/v1/translations/" + id + "/cancel", "").status()).isEqualTo(409);
  }

  @Test
  @Order(3)
  void stylesAreStoredOnceAndUsedByTranslations() throws Exception {
    HttpResponse<String> created = stack.postParts("/v1/styles", List.of(file("class", "x.png", png(4)),
        file("class", "y.jpg", TestArchives.image("jpg", 32, 32, 5)), Part.text("name", "warm")), NONE);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode style = Json.MAPPER.readTree(created.body());
    String id = style.path("id").asText();
    assertThat(created.headers().firstValue("Location")).hasValue("/v1/styles/" + id);
    assertThat(style.path("name").asText()).isEqualTo("warm");
    assertThat(style.path("k").asInt()).isEqualTo(2);
    assertThat(style.path("class_urls").get(1).asText()).isEqualTo("/v1/styles/" + id + "/class/1");
    assertThat(stack.get("/v1/styles/" + id).json().path("k").asInt()).isEqualTo(2);
    HttpResponse<byte[]> image = stack.getBytes("/v1/styles/" + id + "/class/1");
    assertThat(image.statusCode()).isEqualTo(200);
    assertThat(image.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    assertThat(image.body()).isEqualTo(TestArchives.image("jpg", 32, 32, 5));
    assertThat(stack.get("/v1/styles/" + id + "/class/2").status()).isEqualTo(404);
    TestStack.Response unknown = stack.get("/v1/styles/no-such-style");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType()).startsWith("application/problem+json");

    String fromKeys = stack.post("/v1/styles", "{\"class_keys\":[\"styles/" + id + "/class-0.png\"]}").json()
        .path("id").asText();
    assertThat(stack.get("/v1/styles/" + fromKeys).json().path("k").asInt()).isEqualTo(1);

    HttpResponse<String> translation = stack.postParts("/v1/translations", List.of(file("content", "a.png", png(0)),
        Part.text("style", id)), NONE);
    assertThat(translation.statusCode()).as(translation.body()).isEqualTo(202);
    assertThat(Json.MAPPER.readTree(translation.body()).path("style_id").asText()).isEqualTo(id);
  }

  @Test
  @Order(3)
  void anUploadWithAnIdempotencyKeyIsReadByTheGuardAndStillTranslatedOnce() throws Exception {
    // with a key the idempotency guard reads the body (to files) before the route, which reads it from there
    int jobsBefore = translateJobs();
    List<Part> parts = List.of(file("content", "a.png", png(0)), file("class", "b.png", png(1)));
    Map<String, String> key = Map.of("Idempotency-Key", "translation-1");
    HttpResponse<String> first = stack.postParts("/v1/translations", parts, key);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
    HttpResponse<String> again = stack.postParts("/v1/translations", parts, key);
    assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(Json.MAPPER.readTree(again.body()).path("id").asText())
        .isEqualTo(Json.MAPPER.readTree(first.body()).path("id").asText());
    // the same fields with another class image: the file's bytes are part of the fingerprint
    HttpResponse<String> other = stack.postParts("/v1/translations", List.of(file("content", "a.png", png(0)),
        file("class", "b.png", png(2))), key);
    assertThat(other.statusCode()).as(other.body()).isEqualTo(422);
    assertThat(translateJobs()).isEqualTo(jobsBefore + 1);
  }

  @Test
  @Order(4)
  void badStyleRequestsAreProblemsAndStoreNothing() throws Exception {
    stack.store.putBytes("inputs/earlier/notes.png", "not a picture".getBytes(), "image/png");
    List<String> before = keys("styles/");
    refused(TestStack.response(stack.postParts("/v1/styles", List.of(Part.text("name", "empty")), NONE)), 400,
        "class", "class image");
    List<Part> tooMany = new ArrayList<>();
    for (int j = 0; j <= K; j++) {
      tooMany.add(file("class", "c" + j + ".png", png(j)));
    }
    refused(TestStack.response(stack.postParts("/v1/styles", tooMany, NONE)), 400, "class", "at most " + K);
    refused(TestStack.response(stack.postParts("/v1/styles", List.of(file("class", "a.png", png(0)),
        file("class", "b.gif", "GIF89a but not really".getBytes())), NONE)), 400, "class[1]", "b.gif");
    refused(stack.post("/v1/styles", "{\"class_keys\":[\"inputs/earlier/missing.png\"]}"), 400, "class_keys[0]",
        "missing.png");
    refused(stack.post("/v1/styles", "{\"class_keys\":[\"inputs/earlier/notes.png\"]}"), 400, "class_keys[0]",
        "not an image");
    refused(stack.post("/v1/styles", "{\"class_keys\":[\"models/" + model + "/card.json\"]}"), 400,
        "class_keys[0]", "inputs/");
    assertThat(keys("styles/")).isEqualTo(before);
  }

  @Test
  @Order(5)
  void eventStreamShowsEveryChangeOfAJobInOrderAndEndsAfterTheLast() throws Exception {
    TestStack.Response unknown = stack.get("/v1/jobs/no-such-job/events");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType()).startsWith("application/problem+json");

    String id = stack.submitProbe("{\"steps\": 3, \"step_millis\": 100}");
    HttpResponse<java.util.stream.Stream<String>> stream = stack.getLines("/v1/jobs/" + id + "/events");
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
    // the worker starts only now, so the stream must show the job from queued to succeeded
    CompletableFuture<List<String>> lines = CompletableFuture.supplyAsync(() -> stream.body().toList());
    stack.startWorker("probe-worker");
    List<String> all = lines.get(45, TimeUnit.SECONDS); // the list is complete only when the server ends the stream

    List<String> names = all.stream().filter(l -> l.startsWith("event: ")).map(l -> l.substring(7)).toList();
    assertThat(names.get(0)).isEqualTo("queued");
    assertThat(names.get(1)).isEqualTo("started");
    assertThat(names).contains("progress").endsWith("succeeded");
    assertThat(names.indexOf("progress")).isGreaterThan(names.indexOf("started"));
    List<Integer> ids = all.stream().filter(l -> l.startsWith("id: ")).map(l -> Integer.parseInt(l.substring(4)))
        .toList();
    assertThat(ids).hasSize(names.size()).isSorted().doesNotHaveDuplicates().startsWith(1);
    List<JsonNode> data = new ArrayList<>();
    for (String line : all) {
      if (line.startsWith("data: ")) {
        data.add(Json.MAPPER.readTree(line.substring(6)));
      }
    }
    assertThat(data).hasSize(names.size());
    assertThat(data.get(0).path("id").asText()).isEqualTo(id);
    assertThat(data.get(0).path("state").asText()).isEqualTo("queued");
    assertThat(data.get(data.size() - 1).path("state").asText()).isEqualTo("succeeded");
    assertThat(data.get(data.size() - 1).path("progress").path("done").asInt()).isEqualTo(3);
  }

  @Test
  @Order(6)
  void aDeploymentWithoutTranslateWorkersRefusesTranslations() throws Exception {
    GatewaySettings probeOnly = GatewaySettings.from(stack.settings.with(Map.of("FUNIT_JOB_TYPES", "probe")));
    try (Gateway gateway = Gateway.start(probeOnly, stack.kafka, stack.store)) {
      // every route that creates a job of a disabled type, its feature route as its generic one (trainings and
      // datasets did not ask before one admission path served them all)
      for (String path : List.of("/v1/translations", "/v1/jobs/translate", "/v1/trainings",
          "/v1/trainings/any-id/continue", "/v1/jobs/train", "/v1/datasets", "/v1/jobs/dataset", "/v1/evaluations",
          "/v1/jobs/eval")) {
        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.port() + path))
            .header("Authorization", "Bearer " + TestStack.API_KEY).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as(path + ": " + refused.body()).isEqualTo(501);
        assertThat(Json.MAPPER.readTree(refused.body()).path("field").asText()).isEqualTo("type");
      }
    }
  }

  private TestStack.Response multipart(List<Part> parts, String modelId) throws Exception {
    List<Part> all = new ArrayList<>(parts);
    if (modelId != null) {
      all.add(Part.text("model", modelId));
    }
    return TestStack.response(stack.postParts("/v1/translations", all, NONE));
  }

  /** A problem document with the status, the field and a detail containing each of {@code details}. */
  private static void refused(TestStack.Response response, int status, String field, String... details)
      throws Exception {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    JsonNode problem = response.json();
    if (field != null) {
      assertThat(problem.path("field").asText()).as(response.body()).isEqualTo(field);
    }
    assertThat(problem.path("detail").asText()).contains(details);
  }

  private int translateJobs() throws Exception {
    return stack.get("/v1/jobs?type=translate&limit=500").json().path("items").size();
  }

  private List<String> keys(String prefix) {
    return stack.store.list(prefix).stream().map(ObjectInfo::key).sorted().toList();
  }

  private static Part file(String field, String name, byte[] content) {
    return Part.file(field, name, content);
  }

  private static byte[] png(int seed) {
    return TestArchives.image("png", 32, 32, seed);
  }

  /** A small, well-formed PNG whose header claims {@code width × height} pixels: a decompression bomb's header. */
  private static byte[] pngClaiming(int width, int height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
        .put((byte) 0).put((byte) 0).put((byte) 0).array());
    Deflater deflater = new Deflater();
    deflater.setInput(new byte[4096]);
    deflater.finish();
    byte[] compressed = new byte[4096];
    int length = deflater.deflate(compressed);
    chunk(out, "IDAT", java.util.Arrays.copyOf(compressed, length));
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(name);
    out.writeBytes(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  private static Path shippedModel() {
    for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("models/default/" + ModelRegistry.CARD))) {
        return dir.resolve("models/default");
      }
    }
    throw new IllegalStateException("no models/default/ above " + System.getProperty("user.dir"));
  }
}
