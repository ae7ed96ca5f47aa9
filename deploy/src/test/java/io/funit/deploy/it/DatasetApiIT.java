package io.funit.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.dataset.ClassShards;
import io.funit.common.dataset.DatasetClass;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.dataset.StoredDatasets;
import io.funit.common.dataset.UnfairSets;
import io.funit.common.dataset.imports.TestArchives;
import io.funit.common.eval.ShotSets;
import io.funit.common.storage.ObjectInfo;
import io.funit.common.testing.Infra;
import io.funit.common.testing.InfraExtension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Dataset uploads and S3-prefix imports through the real gateway, Kafka, a real dataset worker and S3. */
@ExtendWith(InfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatasetApiIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private TestStack stack;
  @TempDir
  Path tmp;

  @BeforeAll
  void start(Infra infra, @TempDir Path work) throws Exception {
    stack = new TestStack(infra, Map.of("FUNIT_IMPORT_MAX_ENTRY_BYTES", "100000", "FUNIT_IMPORT_MAX_PIXELS", "1000000",
        "FUNIT_MAX_UPLOAD_BYTES", "3000000"));
    stack.startGateway();
    stack.startDatasetWorker("dataset-worker", work);
  }

  @AfterAll
  void stop() throws Exception {
    stack.close();
  }

  @Test
  void uploadBecomesADatasetAndEveryBadFileIsReportedWithItsReason() throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    for (int i = 0; i < 4; i++) {
      entries.put("animals/cat/" + i + ".png", TestArchives.image("png", 48, 40, i));
      entries.put("animals/dog/" + i + ".jpg", TestArchives.image("jpg", 64, 64, i + 4));
      entries.put("animals/fox/" + i + ".png", TestArchives.image("png", 32, 32, i + 8));
    }
    entries.put("animals/cat/corrupt.jpg", TestArchives.truncated(TestArchives.image("jpg", 64, 64, 1)));
    entries.put("animals/dog/readme.txt", "hello".getBytes());
    entries.put("../../../etc/cron.d/evil.png", TestArchives.image("png", 32, 32, 1));
    entries.put("animals/fox/oversized.bmp", TestArchives.image("bmp", 200, 200, 1));
    byte[] zip = Files.readAllBytes(TestArchives.zip(tmp.resolve("animals.zip"), entries));

    TestStack.Response accepted = stack.postMultipart("/v1/datasets", "file", "animals.zip", zip,
        Map.of("name", "animals", "seed", "3", "test_fraction", "0.34"));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    String id = accepted.json().path("id").asText();
    assertThat(stack.store.stat("inputs/" + id + "/upload.archive")).isPresent();

    JsonNode dataset = awaitDataset(id, "succeeded");
    assertThat(dataset.path("name").asText()).isEqualTo("animals");
    assertThat(dataset.path("classes").path("total").asInt()).isEqualTo(3);
    assertThat(dataset.path("classes").path("test").asInt()).isEqualTo(1);
    assertThat(dataset.path("images").asInt()).isEqualTo(12);
    assertThat(dataset.path("skipped").asInt()).isEqualTo(4);

    JsonNode report = stack.get("/v1/datasets/" + id + "/report").json();
    Map<String, String> reasons = toMap(report.path("skipped"));
    assertThat(reasons).containsOnlyKeys("animals/cat/corrupt.jpg", "animals/dog/readme.txt",
        "../../../etc/cron.d/evil.png", "animals/fox/oversized.bmp");
    assertThat(reasons.get("animals/cat/corrupt.jpg")).startsWith("corrupt or truncated image");
    assertThat(reasons.get("animals/dog/readme.txt")).startsWith("not an image");
    assertThat(reasons.get("../../../etc/cron.d/evil.png")).contains("path traversal");
    assertThat(reasons.get("animals/fox/oversized.bmp")).contains("larger than the limit of 100000 bytes");

    var sheet = stack.getBytes("/v1/datasets/" + id + "/contact-sheet.png");
    assertThat(sheet.statusCode()).isEqualTo(200);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(sheet.body()));
    assertThat(image.getHeight()).isEqualTo(3 * 64);
    List<String> keys = stack.store.list("datasets/" + id + "/").stream().map(ObjectInfo::key).toList();
    assertThat(keys).containsExactlyInAnyOrder("datasets/" + id + "/manifest.json",
        "datasets/" + id + "/report.json", "datasets/" + id + "/contact-sheet.png",
        "datasets/" + id + "/classes/00000.zip", "datasets/" + id + "/classes/00001.zip",
        "datasets/" + id + "/classes/00002.zip");
    assertThat(stack.get("/v1/datasets").json().path("items").findValuesAsText("id")).contains(id);
  }

  @Test
  void uploadWithoutTwoUsableClassesFailsAndLeavesNoDatasetObjects() throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("cat/0.png", TestArchives.image("png", 32, 32, 0));
    entries.put("cat/1.png", TestArchives.image("png", 32, 32, 1));
    entries.put("dog/0.png", TestArchives.truncated(TestArchives.image("png", 32, 32, 2)));
    entries.put("dog/1.gif", "GIF89a but not really".getBytes());
    byte[] zip = Files.readAllBytes(TestArchives.zip(tmp.resolve("bad.zip"), entries));
    String id = stack.postMultipart("/v1/datasets", "file", "bad.zip", zip, Map.of()).json().path("id").asText();

    JsonNode dataset = awaitDataset(id, "failed");
    assertThat(dataset.path("error").path("message").asText()).contains("1 usable class folder");
    assertThat(stack.store.list("datasets/" + id + "/")).isEmpty();
    Map<String, String> reasons = toMap(stack.get("/v1/datasets/" + id + "/import-report").json().path("skipped"));
    assertThat(reasons).containsKeys("dog/0.png", "dog/1.gif");
    assertThat(stack.get("/v1/datasets/" + id + "/contact-sheet.png").status()).isEqualTo(409);
  }

  @Test
  void badRequestsAreRefusedAsProblemsBeforeAnythingIsStoredOrEnqueued() throws Exception {
    int before = stack.get("/v1/datasets?limit=500").json().path("items").size();

    TestStack.Response notArchive = stack.postMultipart("/v1/datasets", "file", "x.zip",
        "this is plain text".getBytes(), Map.of());
    assertThat(notArchive.status()).isEqualTo(400);
    assertThat(notArchive.contentType()).startsWith("application/problem+json");
    assertThat(notArchive.json().path("field").asText()).isEqualTo("file");

    TestStack.Response tooLarge = stack.postMultipart("/v1/datasets", "file", "big.zip", new byte[3_200_000], Map.of());
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.contentType()).startsWith("application/problem+json");

    TestStack.Response badField = stack.postMultipart("/v1/datasets", "file", "a.zip",
        Files.readAllBytes(TestArchives.zip(tmp.resolve("ok.zip"), Map.of("a/1.png", new byte[1]))),
        Map.of("test_fraction", "2"));
    assertThat(badField.status()).isEqualTo(400);
    assertThat(badField.json().path("field").asText()).isEqualTo("test_fraction");

    TestStack.Response badPreset = stack.post("/v1/datasets", "{\"kind\":\"fonts\",\"preset\":\"nope\"}");
    assertThat(badPreset.status()).isEqualTo(400);
    assertThat(badPreset.json().path("field").asText()).isEqualTo("preset");

    TestStack.Response jsonUpload = stack.post("/v1/datasets", "{\"kind\":\"upload\",\"input_key\":\"x\"}");
    assertThat(jsonUpload.status()).isEqualTo(400);

    assertThat(stack.get("/v1/datasets?limit=500").json().path("items").size()).isEqualTo(before);
  }

  @Test
  void importsClassFoldersFromAnObjectStorePrefix() throws Exception {
    String prefix = "incoming/" + java.util.UUID.randomUUID() + "/";
    for (int i = 0; i < 3; i++) {
      stack.store.putBytes(prefix + "red/" + i + ".png", TestArchives.image("png", 32, 32, 0), "image/png");
      stack.store.putBytes(prefix + "blue/" + i + ".png", TestArchives.image("png", 32, 32, 5), "image/png");
    }
    TestStack.Response accepted = stack.post("/v1/datasets", "{\"kind\":\"s3\",\"prefix\":\"" + prefix + "\"}");
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    JsonNode dataset = awaitDataset(accepted.json().path("id").asText(), "succeeded");
    assertThat(dataset.path("classes").path("total").asInt()).isEqualTo(2);
    assertThat(dataset.path("images").asInt()).isEqualTo(6);
  }

  /**
   * StarGAN-Unfair-K's training set: the base's classes unchanged and, per held-out class, a training class of
   * exactly its K-set's images (the ones an evaluation with fixed shot sets then gives as its examples).
   */
  @Test
  void anUnfairDatasetAddsEachHeldOutClassesKSetAsATrainingClass() throws Exception {
    String base = TrainingDatasets.publishSmall(stack.store, tmp.resolve("base"));
    DatasetManifest baseManifest = new StoredDatasets(stack.store).manifest(base).orElseThrow();
    TestStack.Response tooMany = stack.post("/v1/datasets", "{\"kind\":\"unfair\",\"base\":\"" + base
        + "\",\"k\":9}");
    assertThat(tooMany.status()).as(tooMany.body()).isEqualTo(400);
    assertThat(tooMany.json().path("field").asText()).isEqualTo("k");
    TestStack.Response noBase = stack.post("/v1/datasets", "{\"kind\":\"unfair\",\"base\":\"nope\",\"k\":3}");
    assertThat(noBase.json().path("field").asText()).as(noBase.body()).isEqualTo("base");

    TestStack.Response accepted = stack.post("/v1/datasets", "{\"kind\":\"unfair\",\"base\":\"" + base
        + "\",\"k\":3}");
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    String id = accepted.json().path("id").asText();
    awaitDataset(id, "succeeded");

    DatasetManifest unfair = new StoredDatasets(stack.store).manifest(id).orElseThrow();
    List<DatasetClass> heldOut = baseManifest.split(DatasetManifest.SPLIT_TEST);
    assertThat(unfair.split(DatasetManifest.SPLIT_TEST)).extracting(DatasetClass::name)
        .containsExactlyElementsOf(heldOut.stream().map(DatasetClass::name).toList());
    List<DatasetClass> train = unfair.split(DatasetManifest.SPLIT_TRAIN);
    assertThat(train).hasSize(baseManifest.split(DatasetManifest.SPLIT_TRAIN).size() + heldOut.size());
    for (int h = 0; h < heldOut.size(); h++) {
      DatasetClass from = heldOut.get(h);
      DatasetClass added = train.get(train.size() - heldOut.size() + h);
      assertThat(added.name()).isEqualTo(UnfairSets.name(from, 3));
      Map<String, byte[]> baseImages = shard(base, from);
      Map<String, byte[]> addedImages = shard(id, added);
      List<String> kSet = java.util.Arrays.stream(ShotSets.of(from, 1, 3)).mapToObj(i -> from.imageNames().get(i))
          .toList();
      assertThat(addedImages.keySet()).containsExactlyInAnyOrderElementsOf(kSet);
      kSet.forEach(name -> assertThat(addedImages.get(name)).isEqualTo(baseImages.get(name)));
    }
  }

  private Map<String, byte[]> shard(String dataset, DatasetClass c) throws Exception {
    Path file = Files.createTempFile(tmp, "shard-", ".zip");
    new StoredDatasets(stack.store).download(dataset, c.shard(), file);
    Map<String, byte[]> images = new LinkedHashMap<>();
    ClassShards.read(file).forEach(image -> images.put(image.name(), image.bytes()));
    return images;
  }

  private JsonNode awaitDataset(String id, String status) throws Exception {
    await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
        .until(() -> stack.get("/v1/datasets/" + id).json().path("status").asText(),
            s -> s.equals(status) || s.equals("failed") || s.equals("succeeded"));
    JsonNode dataset = stack.get("/v1/datasets/" + id).json();
    assertThat(dataset.path("status").asText()).as(dataset.toString()).isEqualTo(status);
    return dataset;
  }

  private static Map<String, String> toMap(JsonNode skipped) {
    Map<String, String> map = new LinkedHashMap<>();
    skipped.forEach(s -> map.put(s.path("path").asText(), s.path("reason").asText()));
    return map;
  }

}
