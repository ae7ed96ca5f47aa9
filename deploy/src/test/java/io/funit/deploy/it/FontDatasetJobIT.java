package io.funit.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.dataset.ClassShards;
import io.funit.common.dataset.DatasetClass;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.dataset.StoredDatasets;
import io.funit.common.json.Json;
import io.funit.common.testing.Infra;
import io.funit.common.testing.InfraExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A font dataset built as a job: real Debian packages fetched with apt-get (cached under target/ across runs),
 * rendered, curated, split and published through the real gateway, Kafka, a worker and S3.
 */
@ExtendWith(InfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FontDatasetJobIT {
  private TestStack stack;

  @BeforeAll
  void start(Infra infra, @TempDir Path work) throws Exception {
    Path cache = Path.of(System.getProperty("user.dir"), "target", "funit-cache").toAbsolutePath();
    stack = new TestStack(infra, Map.of("FUNIT_CACHE_DIR", cache.toString()));
    stack.startGateway();
    stack.startDatasetWorker("dataset-worker", work);
  }

  @AfterAll
  void stop() throws Exception {
    stack.close();
  }

  @Test
  void theCiPresetBecomesASplitGlyphDatasetWithNoFamilyOnBothSides() throws Exception {
    TestStack.Response accepted = stack.post("/v1/datasets", "{\"kind\":\"fonts\",\"preset\":\"ci\",\"size\":32}");
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    String id = accepted.json().path("id").asText();
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
        .until(() -> stack.get("/v1/datasets/" + id).json().path("status").asText(),
            s -> s.equals("succeeded") || s.equals("failed"));
    JsonNode dataset = stack.get("/v1/datasets/" + id).json();
    assertThat(dataset.path("status").asText()).as(dataset.toString()).isEqualTo("succeeded");
    assertThat(dataset.path("classes").path("total").asInt()).isGreaterThan(300);
    assertThat(dataset.path("contents").asInt()).isEqualTo(62);
    assertThat(dataset.path("image_size").asInt()).isEqualTo(32);
    assertThat(dataset.path("images").asLong()).isEqualTo(62L * dataset.path("classes").path("total").asInt());
    assertThat(dataset.path("skipped_by_reason").has("illegible")).isTrue();

    DatasetManifest manifest = new StoredDatasets(stack.store).manifest(id).orElseThrow();
    Set<String> trainFamilies = new HashSet<>();
    manifest.split(DatasetManifest.SPLIT_TRAIN).forEach(c -> trainFamilies.add(c.source().family()));
    for (DatasetClass c : manifest.split(DatasetManifest.SPLIT_TEST)) {
      assertThat(trainFamilies).doesNotContain(c.source().family());
      assertThat(c.source().licence()).isNotBlank();
    }
    assertThat(stack.getBytes("/v1/datasets/" + id + "/contact-sheet.png").statusCode()).isEqualTo(200);

    // the held-out fonts by name, and a style of five glyphs of one of them, spread over its characters
    JsonNode held = stack.get("/v1/datasets/" + id + "/classes?split=test").json().path("items");
    assertThat(held).hasSize(manifest.split(DatasetManifest.SPLIT_TEST).size());
    DatasetClass font = manifest.split(DatasetManifest.SPLIT_TEST).get(0);
    assertThat(held.get(0).path("name").asText()).isEqualTo(font.name());
    assertThat(held.get(0).path("family").asText()).isEqualTo(font.source().family());
    assertThat(stack.get("/v1/datasets/" + id + "/classes?split=both").status()).isEqualTo(400);
    TestStack.Response style = stack.post("/v1/styles", Json.write(Map.of("dataset", id, "class", font.name(),
        "k", 5)));
    assertThat(style.status()).as(style.body()).isEqualTo(201);
    assertThat(style.json().path("k").asInt()).isEqualTo(5);
    assertThat(style.json().path("name").asText()).isEqualTo(font.name());
    java.util.List<ClassShards.NamedImage> glyphs = ClassShards.read(download(id, font));
    int n = glyphs.size();
    for (int j = 0; j < 5; j++) {
      assertThat(stack.getBytes("/v1/styles/" + style.json().path("id").asText() + "/class/" + j).body())
          .as("glyph %d of 5 is the font's glyph %d", j, j * n / 5).isEqualTo(glyphs.get(j * n / 5).bytes());
    }
    TestStack.Response unknown = stack.post("/v1/styles", Json.write(Map.of("dataset", id, "class", "No Such Font")));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().path("field").asText()).isEqualTo("class");
  }

  private Path download(String datasetId, DatasetClass c) throws Exception {
    Path file = java.nio.file.Files.createTempFile("shard-", ".zip");
    new StoredDatasets(stack.store).download(datasetId, c.shard(), file);
    return file;
  }
}
