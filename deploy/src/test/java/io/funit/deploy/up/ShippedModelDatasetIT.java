package io.funit.deploy.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.config.S3Settings;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.dataset.StoredDatasets;
import io.funit.common.embedded.FreePorts;
import io.funit.common.eval.HeldOutGlyphL1;
import io.funit.common.json.Json;
import io.funit.common.models.ModelCard;
import io.funit.common.models.ModelRegistry;
import io.funit.common.storage.ObjectStore;
import io.funit.deploy.model.HeldOutEvaluation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh {@code ./funit up} can check the shipped model's published figures: its training dataset, absent from a
 * new store, is built again from the card's recipe under the card's dataset id, with the card's split, and then the
 * held-out L1 comes out as the card's file says and an evaluation of the default model succeeds, with no other step.
 */
class ShippedModelDatasetIT {
  private static final Path SHIPPED = Path.of("..", "models", "default");

  @TempDir Path data;
  @TempDir Path cache;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aFreshStackRebuildsTheDefaultModelsDatasetAndReproducesItsHeldOutL1() throws Exception {
    ModelCard card = Json.MAPPER.readValue(SHIPPED.resolve(ModelRegistry.CARD).toFile(), ModelCard.class);
    JsonNode published = Json.MAPPER.readTree(SHIPPED.resolve(ModelRegistry.HELD_OUT).toFile());
    StackLayout layout = new StackLayout(data, FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), FreePorts.pick(),
        WorkerCounts.parse("translate=1,train=1,eval=1"), 180);
    try (EmbeddedStack stack = EmbeddedStack.start(layout, new Installation(Path.of("..").toAbsolutePath().normalize()),
        Map.of("FUNIT_EVAL_JUDGE_SECONDS", "10"))) {
      ObjectStore store = new ObjectStore(S3Settings.from(stack.settings()));
      StoredDatasets datasets = new StoredDatasets(store);
      await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(2))
          .until(() -> datasets.manifest(card.dataset()).isPresent());
      DatasetManifest rebuilt = datasets.manifest(card.dataset()).orElseThrow();
      assertThat(rebuilt.split(DatasetManifest.SPLIT_TRAIN)).extracting(c -> c.name())
          .containsExactlyInAnyOrderElementsOf(card.classesSeen());
      assertThat(rebuilt.split(DatasetManifest.SPLIT_TEST)).extracting(c -> c.name())
          .containsExactlyInAnyOrderElementsOf(card.heldOutClasses());

      HeldOutGlyphL1.Result again = HeldOutEvaluation.run(store, card.id(), cache, HeldOutGlyphL1.FONTS,
          HeldOutGlyphL1.K);
      System.out.printf("held-out L1 of the shipped model on its rebuilt dataset: %.6f (published %.6f)%n",
          again.model(), published.path("model").asDouble());
      assertThat(again.model()).isCloseTo(published.path("model").asDouble(), within(0.002));
      assertThat(again.copyContent()).isCloseTo(published.path("copy_content").asDouble(), within(0.002));

      // an evaluation of the default model through the API, naming nothing but the model's own dataset
      HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl()
          + "/v1/evaluations")).header("Authorization", "Bearer " + stack.apiKey())
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of(
              "model", card.id(), "dataset", card.dataset(), "k", java.util.List.of(5), "contents", 4))))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
      String id = Json.MAPPER.readTree(accepted.body()).path("id").asText();
      await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).until(() -> Json.MAPPER.readTree(
          http.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/v1/evaluations/" + id))
              .header("Authorization", "Bearer " + stack.apiKey()).build(), HttpResponse.BodyHandlers.ofString())
              .body()).path("status").asText(), s -> s.equals("succeeded") || s.equals("failed"));
      JsonNode done = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl()
          + "/v1/evaluations/" + id)).header("Authorization", "Bearer " + stack.apiKey()).build(),
          HttpResponse.BodyHandlers.ofString()).body());
      assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
    }
  }
}
