package io.funit.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.json.Json;
import io.funit.common.models.ModelCard;
import io.funit.common.models.ModelCards;
import io.funit.common.models.ModelRegistry;
import io.funit.common.testing.Infra;
import io.funit.common.testing.InfraExtension;
import io.funit.common.translate.StyleStore;
import io.funit.common.translate.TranslationLimits;
import io.funit.common.worker.WorkerRuntime;
import io.funit.common.worker.WorkerSettings;
import io.funit.deploy.it.TestStack.Part;
import io.funit.deploy.up.ShippedModel;
import io.funit.worker.translate.batching.BatchingSettings;
import io.funit.worker.translate.batching.TranslationBatcher;
import io.funit.worker.translate.job.TranslateHandler;
import io.funit.worker.translate.models.ModelCache;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Translations end to end: the real gateway, Kafka, S3 and a translate worker running the shipped font model, with
 * dynamic batching. Checks what a client gets back, that styles reuse their stored class code, that concurrent jobs
 * share forward passes, and that a job with a bad stored image fails alone without stopping the worker.
 */
@ExtendWith(InfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TranslationJobIT {
  private static final Path SHIPPED = Path.of("..", "models", "default");
  private TestStack stack;
  private TranslationBatcher batcher;
  private static final int INLINE_BYTES = 20_000;
  private ModelCache models;
  private String model;
  private int size;

  @BeforeAll
  void start(Infra infra) throws Exception {
    // glyph uploads travel in the work record; a photo-sized one (noise) is stored
    stack = new TestStack(infra, Map.of("FUNIT_TRANSLATE_MAX_WAIT_MS", "50",
        "FUNIT_TRANSLATE_INLINE_BYTES", String.valueOf(INLINE_BYTES)));
    ModelCard card = ShippedModel.register(stack.store, SHIPPED);
    ModelRegistry registry = new ModelRegistry(stack.store);
    registry.setDefault(card.id());
    model = card.id();
    size = card.imageSize();
    stack.startGateway();
    models = new ModelCache(stack.store, 1L << 30);
    batcher = new TranslationBatcher(BatchingSettings.from(stack.settings, false), models, new SimpleMeterRegistry());
    WorkerRuntime worker = WorkerRuntime.start(stack.kafka,
        WorkerSettings.from(stack.settings).withWorkerId("translate-worker"),
        List.of(new TranslateHandler(stack.store, new ModelCards(registry), batcher,
            TranslationLimits.from(stack.settings), 32)));
    stack.track(worker);
  }

  @AfterAll
  void stop() throws Exception {
    stack.close();
    batcher.close();
    models.close();
  }

  @Test
  void multipartTranslationAnswersWithTheResultAndItsImages() throws Exception {
    HttpResponse<String> response = stack.postParts("/v1/translations", List.of(
        Part.file("content", "a.png", glyph('a', Font.PLAIN)), Part.file("content", "b.png", glyph('b', Font.PLAIN)),
        Part.file("class", "x.png", glyph('x', Font.BOLD)), Part.file("class", "y.png", glyph('y', Font.BOLD)),
        Part.file("class", "z.png", glyph('z', Font.BOLD))), Map.of("Prefer", "wait=60"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode view = Json.MAPPER.readTree(response.body());
    assertThat(view.path("status").asText()).isEqualTo("succeeded");
    assertThat(view.path("model").asText()).isEqualTo(model);
    assertThat(view.path("k").asInt()).isEqualTo(3);
    assertThat(view.path("outputs")).hasSize(2);
    for (int i = 0; i < 2; i++) {
      JsonNode output = view.path("outputs").get(i);
      assertThat(output.has("content_key")).as("a small upload travels in the work record, unstored").isFalse();
      HttpResponse<byte[]> image = stack.getBytes(output.path("url").asText());
      assertThat(image.statusCode()).isEqualTo(200);
      BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image.body()));
      assertThat(decoded.getWidth()).isEqualTo(size);
      assertThat(decoded.getHeight()).isEqualTo(size);
      assertThat(decoded.getType()).as("a gray model answers in gray").isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
      assertThat(ink(decoded)).as("a glyph, not a blank or black square").isBetween(0.02, 0.8);
    }
    String id = view.path("id").asText();
    JsonNode job = stack.job(id);
    assertThat(job.path("result").path("k").asInt()).isEqualTo(3);
    assertThat(job.path("result").path("class_keys")).isEmpty();
    assertThat(stack.store.list("inputs/" + id + "/")).as("nothing stored for the inputs").isEmpty();
    assertThat(stack.store.list("outputs/" + id + "/")).hasSize(2);
  }

  @Test
  void anUploadLargerThanTheInlineLimitIsStoredAndTranslatedFromTheStore() throws Exception {
    byte[] noise = noise(160);
    assertThat(noise.length).isGreaterThan(INLINE_BYTES);
    HttpResponse<String> response = stack.postParts("/v1/translations", List.of(Part.file("content", "n.png", noise),
        Part.file("class", "x.png", glyph('x', Font.BOLD))), Map.of("Prefer", "wait=60"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode view = Json.MAPPER.readTree(response.body());
    String id = view.path("id").asText();
    assertThat(view.path("outputs").get(0).path("content_key").asText()).isEqualTo("inputs/" + id + "/content-0.png");
    assertThat(stack.store.list("inputs/" + id + "/")).hasSize(2);
    assertThat(stack.job(id).path("result").path("class_keys").get(0).asText())
        .isEqualTo("inputs/" + id + "/class-0.png");
  }

  @Test
  void textAndAlphabetTranslationsDrawTheModelsContentFontAndComposeASheetAndAZip() throws Exception {
    List<Part> classes = List.of(Part.file("class", "x.png", glyph('x', Font.BOLD)),
        Part.file("class", "y.png", glyph('y', Font.BOLD)), Part.file("class", "z.png", glyph('z', Font.BOLD)));
    List<Part> text = new ArrayList<>(classes);
    text.add(Part.text("text", "Abb A\r\nc"));
    HttpResponse<String> response = stack.postParts("/v1/translations", text, Map.of("Prefer", "wait=60"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode view = Json.MAPPER.readTree(response.body());
    assertThat(view.path("text").asText()).isEqualTo("Abb A\nc");
    assertThat(view.path("outputs").findValuesAsText("character")).as("each character once, in order")
        .containsExactly("A", "b", "c");
    for (JsonNode output : view.path("outputs")) {
      BufferedImage glyph = ImageIO.read(new ByteArrayInputStream(stack.getBytes(output.path("url").asText()).body()));
      assertThat(glyph.getWidth()).isEqualTo(size);
      assertThat(ink(glyph)).as("a glyph, not a blank or black square").isBetween(0.02, 0.8);
    }
    BufferedImage sheet = ImageIO.read(new ByteArrayInputStream(stack.getBytes(view.path("sheet_url").asText())
        .body()));
    int lineHeight = size + size / 8;
    assertThat(sheet.getHeight()).as("two lines").isEqualTo(2 * lineHeight + 2 * (size / 4));
    assertThat(sheet.getWidth()).as("four glyphs and a space on the first line").isGreaterThan(2 * size);
    assertThat(ink(sheet)).isGreaterThan(0.01);
    HttpResponse<byte[]> zip = stack.getBytes(view.path("zip_url").asText());
    assertThat(zip.headers().firstValue("Content-Type")).hasValue("application/zip");
    List<String> names = new ArrayList<>();
    try (java.util.zip.ZipInputStream entries = new java.util.zip.ZipInputStream(
        new ByteArrayInputStream(zip.body()))) {
      for (var entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
        names.add(entry.getName());
        assertThat(ImageIO.read(new ByteArrayInputStream(entries.readAllBytes())).getWidth()).isEqualTo(size);
      }
    }
    assertThat(names).containsExactly("U+0041_A.png", "U+0062_b.png", "U+0063_c.png");

    List<Part> alphabet = new ArrayList<>(classes);
    alphabet.add(Part.text("charset", "alphabet"));
    JsonNode all = Json.MAPPER.readTree(stack.postParts("/v1/translations", alphabet, Map.of("Prefer", "wait=60"))
        .body());
    String charset = new ModelRegistry(stack.store).card(model).orElseThrow().contentFont().charset();
    assertThat(String.join("", all.path("outputs").findValuesAsText("character"))).isEqualTo(charset);
    BufferedImage grid = ImageIO.read(new ByteArrayInputStream(stack.getBytes(all.path("sheet_url").asText())
        .body()));
    int gap = size / 8;
    assertThat(grid.getWidth()).as("26 columns").isEqualTo(26 * (size + gap) + gap);
    assertThat(grid.getHeight()).as("62 characters in 3 rows").isEqualTo(3 * (size + gap) + gap);

    List<Part> accented = new ArrayList<>(classes);
    accented.add(Part.text("text", "Caf\u00e9"));
    HttpResponse<String> refused = stack.postParts("/v1/translations", accented, Map.of());
    assertThat(refused.statusCode()).isEqualTo(400);
    JsonNode problem = Json.MAPPER.readTree(refused.body());
    assertThat(problem.path("field").asText()).isEqualTo("text");
    assertThat(problem.path("detail").asText()).contains("position 3").contains("U+00E9");
  }

  @Test
  void aGatewayConfiguredForPresignedUrlsLinksOutputsStraightToTheObjectStore() throws Exception {
    HttpResponse<String> done = stack.postParts("/v1/translations", List.of(
        Part.file("content", "p.png", glyph('p', Font.PLAIN)), Part.file("class", "w.png", glyph('w', Font.BOLD))),
        Map.of("Prefer", "wait=60"));
    String id = Json.MAPPER.readTree(done.body()).path("id").asText();
    try (io.funit.gateway.Gateway presigning = io.funit.gateway.Gateway.start(io.funit.gateway.GatewaySettings.from(
        stack.settings.with(Map.of("FUNIT_RESULT_URLS", "presigned", "FUNIT_RESULT_URL_EXPIRY_SECONDS", "600"))),
        stack.kafka, stack.store)) {
      presigning.awaitCaughtUp(Duration.ofSeconds(30));
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      JsonNode view = Json.MAPPER.readTree(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
          "http://127.0.0.1:" + presigning.port() + "/v1/translations/" + id))
          .header("Authorization", "Bearer " + TestStack.API_KEY).build(),
          HttpResponse.BodyHandlers.ofString()).body());
      String url = view.path("outputs").get(0).path("url").asText();
      assertThat(url).contains("X-Amz-Signature=").contains("X-Amz-Expires=600");
      HttpResponse<byte[]> image = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(image.statusCode()).as("no API key needed: the signature is the credential").isEqualTo(200);
      assertThat(ImageIO.read(new ByteArrayInputStream(image.body())).getWidth()).isEqualTo(size);
    }
  }

  @Test
  void jpegOutputIsAJpeg() throws Exception {
    HttpResponse<String> response = stack.postParts("/v1/translations", List.of(
        Part.file("content", "a.png", glyph('q', Font.PLAIN)), Part.file("class", "x.png", glyph('x', Font.ITALIC)),
        Part.text("output_format", "jpeg")), Map.of("Prefer", "wait=60"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode output = Json.MAPPER.readTree(response.body()).path("outputs").get(0);
    assertThat(output.path("content_type").asText()).isEqualTo("image/jpeg");
    HttpResponse<byte[]> image = stack.getBytes(output.path("url").asText());
    assertThat(image.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    assertThat(ImageIO.read(new ByteArrayInputStream(image.body())).getWidth()).isEqualTo(size);
  }

  @Test
  void aStyleStoresItsClassCodeOnFirstUseAndTranslatesLikeItsImages() throws Exception {
    List<Part> classes = List.of(Part.file("class", "m.png", glyph('m', Font.BOLD | Font.ITALIC)),
        Part.file("class", "n.png", glyph('n', Font.BOLD | Font.ITALIC)),
        Part.file("class", "o.png", glyph('o', Font.BOLD | Font.ITALIC)));
    HttpResponse<String> created = stack.postParts("/v1/styles", classes, Map.of());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String style = Json.MAPPER.readTree(created.body()).path("id").asText();
    assertThat(stack.store.stat(StyleStore.codeKey(style, model))).isEmpty();

    Part content = Part.file("content", "g.png", glyph('g', Font.PLAIN));
    byte[] first = onlyOutput(stack.postParts("/v1/translations", List.of(content, Part.text("style", style)),
        Map.of("Prefer", "wait=60")));
    assertThat(stack.store.stat(StyleStore.codeKey(style, model))).as("code stored after the first use").isPresent();
    byte[] second = onlyOutput(stack.postParts("/v1/translations", List.of(content, Part.text("style", style)),
        Map.of("Prefer", "wait=60")));
    List<Part> direct = new ArrayList<>(classes);
    direct.add(0, content);
    byte[] fromImages = onlyOutput(stack.postParts("/v1/translations", direct, Map.of("Prefer", "wait=60")));

    assertThat(maxPixelDifference(first, second)).isLessThanOrEqualTo(1);
    assertThat(maxPixelDifference(second, fromImages)).isLessThanOrEqualTo(1);
  }

  @Test
  void concurrentJobsShareForwardPasses() throws Exception {
    long batchesBefore = batcher.batches();
    long jobsBefore = batcher.jobs();
    int jobs = 12;
    ExecutorService clients = Executors.newFixedThreadPool(jobs);
    try {
      List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
      for (int i = 0; i < jobs; i++) {
        char c = (char) ('a' + i);
        responses.add(CompletableFuture.supplyAsync(() -> {
          try {
            return stack.postParts("/v1/translations", List.of(Part.file("content", c + ".png", glyph(c, Font.PLAIN)),
                Part.file("class", "k.png", glyph('k', Font.BOLD))), Map.of("Prefer", "wait=60"));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }, clients));
      }
      for (CompletableFuture<HttpResponse<String>> response : responses) {
        assertThat(response.get().statusCode()).as(response.get().body()).isEqualTo(200);
      }
    } finally {
      clients.shutdown();
    }
    assertThat(batcher.jobs() - jobsBefore).isEqualTo(jobs);
    assertThat(batcher.batches() - batchesBefore).as("12 concurrent jobs in fewer forward passes").isLessThan(jobs);
  }

  @Test
  void aBadStoredImageFailsItsJobWithAReasonAndTheWorkerGoesOn() throws Exception {
    stack.store.putBytes("inputs/handmade/broken.png", "not a png at all".getBytes(), "image/png");
    stack.store.putBytes("inputs/handmade/class.png", glyph('c', Font.BOLD), "image/png");
    HttpResponse<String> response = stack.postJson("/v1/translations", """
        {"content_keys": ["inputs/handmade/broken.png"], "class_keys": ["inputs/handmade/class.png"]}""",
        Map.of("Prefer", "wait=60"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode failed = Json.MAPPER.readTree(response.body());
    assertThat(failed.path("status").asText()).isEqualTo("failed");
    assertThat(failed.path("error").path("message").asText()).contains("content_keys[0]", "not an image");
    assertThat(stack.job(failed.path("id").asText()).path("attempt").asInt()).as("no retries of a bad input")
        .isEqualTo(1);

    HttpResponse<String> next = stack.postJson("/v1/translations", """
        {"content_keys": ["inputs/handmade/class.png"], "class_keys": ["inputs/handmade/class.png"]}""",
        Map.of("Prefer", "wait=60"));
    assertThat(Json.MAPPER.readTree(next.body()).path("status").asText()).isEqualTo("succeeded");
  }

  private byte[] onlyOutput(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode view = Json.MAPPER.readTree(response.body());
    assertThat(view.path("status").asText()).as(response.body()).isEqualTo("succeeded");
    return stack.getBytes(view.path("outputs").get(0).path("url").asText()).body();
  }

  private static int maxPixelDifference(byte[] a, byte[] b) throws Exception {
    BufferedImage x = ImageIO.read(new ByteArrayInputStream(a));
    BufferedImage y = ImageIO.read(new ByteArrayInputStream(b));
    int max = 0;
    for (int j = 0; j < x.getHeight(); j++) {
      for (int i = 0; i < x.getWidth(); i++) {
        max = Math.max(max, Math.abs((x.getRGB(i, j) & 0xff) - (y.getRGB(i, j) & 0xff)));
      }
    }
    return max;
  }

  /** The share of dark pixels. */
  private static double ink(BufferedImage image) {
    int dark = 0;
    for (int j = 0; j < image.getHeight(); j++) {
      for (int i = 0; i < image.getWidth(); i++) {
        dark += (image.getRGB(i, j) & 0xff) < 128 ? 1 : 0;
      }
    }
    return dark / (double) (image.getWidth() * image.getHeight());
  }

  /** Random RGB pixels: a PNG that does not compress, as large as a photo of its size. */
  private static byte[] noise(int side) throws Exception {
    BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(7);
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        image.setRGB(x, y, random.nextInt(1 << 24));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  /** A black glyph on white, 64×64 (the worker resizes it to the model's size). */
  private static byte[] glyph(char c, int style) throws Exception {
    BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 64, 64);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SERIF, style, 48));
    g.drawString(String.valueOf(c), 16, 48);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
