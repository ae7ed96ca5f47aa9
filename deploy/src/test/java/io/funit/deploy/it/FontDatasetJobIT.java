package io.funit.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.dataset.DatasetClass;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.dataset.StoredDatasets;
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
  }
}
