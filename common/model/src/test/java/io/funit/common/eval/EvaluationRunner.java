package io.funit.common.eval;

import io.funit.common.dataset.DatasetDirectory;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.dataset.sampler.ClassImageCache;
import io.funit.common.dataset.sampler.KShotSampler;
import io.funit.common.dataset.sampler.Preprocessing;
import io.funit.common.dataset.sampler.ShardSource;
import io.funit.common.eval.judges.JudgeBudget;
import io.funit.common.eval.judges.LocalJudges;
import io.funit.common.json.Json;
import io.funit.common.models.GeneratorWeights;
import io.funit.common.models.ModelCard;
import io.funit.common.models.ServingGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;

/**
 * Measures an evaluation on local files, without the stack (docs/evaluation.md, "Measured"):
 * {@code EvaluationRunner DATASET_DIR MODEL_DIR OUT_DIR [K,K,...] [JUDGE_SECONDS] [CONTENTS] [JUDGE_EPOCHS]}. The model directory
 * holds {@code generator.safetensors} and {@code card.json}; judges are cached in {@code OUT_DIR/judges}, so delete
 * it to include judge training in the time. Writes {@code report.json} and the sample grids to OUT_DIR.
 */
public final class EvaluationRunner {
  private EvaluationRunner() {}

  public static void main(String[] args) throws Exception {
    Path datasetDir = Paths.get(args[0]);
    Path modelDir = Paths.get(args[1]);
    Path out = Paths.get(args[2]);
    List<Integer> ks = args.length > 3 ? Arrays.stream(args[3].split(",")).map(Integer::valueOf).toList()
        : List.of(1, 5, 10);
    JudgeBudget budget = args.length > 4 ? JudgeBudget.DEFAULT.withMaxSeconds(Double.parseDouble(args[4]))
        : JudgeBudget.DEFAULT;
    int contents = args.length > 5 ? Integer.parseInt(args[5]) : 0;
    if (args.length > 6) {
      budget = budget.withMaxEpochs(Integer.parseInt(args[6]));
    }
    long started = System.nanoTime();
    DatasetManifest manifest = new DatasetDirectory(datasetDir).manifest().orElseThrow();
    ModelCard card = Json.MAPPER.readValue(modelDir.resolve("card.json").toFile(), ModelCard.class);
    Files.createDirectories(out);
    try (ServingGenerator generator = GeneratorWeights.loadForServing(modelDir.resolve("generator.safetensors"))) {
      int size = generator.config().imageSize();
      KShotSampler images = new KShotSampler(new ClassImageCache(ShardSource.local(new DatasetDirectory(datasetDir)),
          256L << 20), new Preprocessing(size, size));
      EvalRequest request = new EvalRequest(card.id(), manifest.id(), ks, contents, List.of());
      long[] lastPrint = {0};
      Evaluation.Output output = Evaluation.run(new Evaluation.Inputs("local", request, card, generator, manifest,
          images), new LocalJudges(out.resolve("judges"), budget), (done, total, message) -> {
            if (System.nanoTime() - lastPrint[0] > 5e9 || done == total) {
              lastPrint[0] = System.nanoTime();
              System.err.printf("%6.1f s  %4d/%d  %s%n", (System.nanoTime() - started) / 1e9, done, total, message);
            }
          });
      Files.write(out.resolve("report.json"), Json.MAPPER.writerWithDefaultPrettyPrinter()
          .writeValueAsBytes(output.report()));
      for (var file : output.files().entrySet()) {
        Files.write(out.resolve(file.getKey()), file.getValue());
      }
      System.err.printf("total %.1f s (the report's own: %.1f s)%n", (System.nanoTime() - started) / 1e9,
          output.report().seconds());
    }
  }
}
