package io.funit.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.config.Settings;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.dataset.StoredDatasets;
import io.funit.common.json.Json;
import io.funit.common.models.ModelCard;
import io.funit.common.models.ModelRegistry;
import io.funit.common.testing.Infra;
import io.funit.common.testing.InfraExtension;
import io.funit.common.worker.WorkerRuntime;
import io.funit.common.worker.WorkerSettings;
import io.funit.deploy.demo.GatewayClient;
import io.funit.deploy.demo.PaperRun;
import io.funit.worker.eval.EvalJobHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./funit demo --paper}'s run on the real stack with tiny models and budgets: a FUNIT training, StarGAN-Fair,
 * an unfair dataset and a StarGAN-Unfair training per K, then one evaluation that holds Table 1 at every K and the
 * few-shot classification table, all through the API.
 */
@ExtendWith(InfraExtension.class)
class PaperRunIT {
  @Test
  void thePapersExperimentsRunEndToEndThroughTheApi(Infra infra, @TempDir Path dir) throws Exception {
    try (TestStack stack = new TestStack(infra, Map.of("FUNIT_EVAL_JUDGE_SECONDS", "10"))) {
      stack.startGateway();
      String dataset = TrainingDatasets.publishSmall(stack.store, dir.resolve("dataset"));
      stack.startTrainWorker("trainer", dir.resolve("trainer"));
      stack.startDatasetWorker("builder", dir.resolve("builder"));
      Settings local = stack.settings.with(Map.of("FUNIT_CACHE_DIR", dir.resolve("cache").toString(),
          "FUNIT_WORK_DIR", dir.resolve("work").toString()));
      stack.track(WorkerRuntime.start(stack.kafka, WorkerSettings.from(local).withWorkerId("evaluator"),
          List.of(EvalJobHandler.fromSettings(stack.store, local))));
      GatewayClient api = new GatewayClient("http://127.0.0.1:" + stack.startedGatewayPort(), TestStack.API_KEY);
      List<String> said = new ArrayList<>();
      PaperRun.Plan plan = new PaperRun.Plan(dataset, null, spec(TrainingJobIT.TINY), Duration.ofSeconds(6),
          spec(TrainingJobIT.TINY_STARGAN), null, Duration.ofSeconds(4), Duration.ofSeconds(3), List.of(1, 2),
          Map.of("k", List.of(1, 2), "generated", List.of(2)), Duration.ofMinutes(5));

      PaperRun.Result result = new PaperRun(api, said::add).run(plan);

      assertThat(said.get(0)).startsWith("plan: FUNIT training").contains("StarGAN-Fair", "K = [1, 2]");
      ModelRegistry models = new ModelRegistry(stack.store);
      assertThat(models.card(result.funitModel()).orElseThrow().family()).isEqualTo(ModelCard.FUNIT);
      assertThat(models.card(result.fairModel()).orElseThrow().dataset()).isEqualTo(dataset);
      for (int k : List.of(1, 2)) {
        ModelCard unfair = models.card(result.unfairModels().get(k)).orElseThrow();
        assertThat(unfair.family()).isEqualTo(ModelCard.STARGAN);
        assertThat(unfair.dataset()).isEqualTo(result.unfairDatasets().get(k));
        DatasetManifest withSets = new StoredDatasets(stack.store).manifest(unfair.dataset()).orElseThrow();
        assertThat(withSets.split(DatasetManifest.SPLIT_TRAIN)).hasSize(4 + 2); // 2 held-out classes' K-sets
      }
      JsonNode table = result.table();
      assertThat(methods(table.get(0))).containsExactly("funit", "stargan_fair", "stargan_unfair", "copy_content",
          "class_mean", "styling_only");
      assertThat(methods(table.get(1))).containsExactly("funit", "stargan_fair", "stargan_unfair", "copy_content",
          "class_mean", "styling_only");
      List<String> rows = new ArrayList<>();
      result.classification().path("rows").forEach(r -> rows.add(r.path("method").asText() + "@"
          + r.path("k").asInt() + "+" + r.path("generated").asInt()));
      assertThat(rows).containsExactly("real_only@1+0", "real_only@2+0", "funit@1+2", "funit@2+2",
          "stargan_fair@1+2", "stargan_fair@2+2");
      assertThat(result.seconds()).containsKeys("funit", "stargan_fair", "unfair_dataset_k1", "stargan_unfair_k2",
          "evaluation");
    }
  }

  private static List<String> methods(JsonNode result) {
    List<String> methods = new ArrayList<>();
    result.path("methods").forEach(m -> methods.add(m.path("method").asText()));
    return methods;
  }

  /** A training request's preset and overrides from the JSON fragment the training tests use. */
  private static Map<String, Object> spec(String fragment) throws Exception {
    return Json.MAPPER.readValue("{" + String.format(fragment, 10_000_000) + "}", new TypeReference<>() { });
  }
}
