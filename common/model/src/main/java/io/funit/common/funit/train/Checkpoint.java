package io.funit.common.funit.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.funit.common.funit.config.FunitConfig;
import io.funit.common.funit.model.FunitNetworks;
import io.funit.common.funit.weights.SafeTensors;
import io.funit.common.funit.weights.Weights;
import io.funit.common.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One self-describing training checkpoint, a safetensors file: tensors {@code gen.*}, {@code gen_test.*},
 * {@code dis.*} (official keys) and the RMSprop square averages {@code opt.gen.*}, {@code opt.dis.*}; metadata
 * {@code config} (JSON), {@code iteration} and {@code sampler_seed}. Training resumed from it continues exactly:
 * the steps hold no randomness of their own, and the sampler draws iteration i from (sampler_seed, i).
 */
public final class Checkpoint {
  public static final String FORMAT = "funit-checkpoint/1";

  private Checkpoint() {}

  /** What a checkpoint restores besides the tensors. */
  public record Restored(FunitTrainer trainer, long samplerSeed) {}

  public static void save(FunitTrainer trainer, long samplerSeed, Path file) throws IOException {
    FunitNetworks nets = trainer.networks();
    Map<String, NDArray> tensors = new LinkedHashMap<>();
    tensors.putAll(Weights.export(nets.gen(), "gen."));
    tensors.putAll(Weights.export(nets.genTest(), "gen_test."));
    tensors.putAll(Weights.export(nets.dis(), "dis."));
    trainer.genOptimizer().state().forEach((k, v) -> tensors.put("opt.gen." + k, v));
    trainer.disOptimizer().state().forEach((k, v) -> tensors.put("opt.dis." + k, v));
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("format", FORMAT);
    metadata.put("config", Json.write(nets.config()));
    metadata.put("iteration", Long.toString(trainer.iteration()));
    metadata.put("sampler_seed", Long.toString(samplerSeed));
    SafeTensors.write(file, tensors, metadata);
  }

  public static Restored load(Path file) throws IOException {
    return load(file, UnaryOperator.identity());
  }

  /**
   * The checkpoint with its stored configuration changed by {@code recipe} before the networks are built: a
   * continuation's new rates or loss weights. A change of the networks' shapes fails as the weights load.
   */
  public static Restored load(Path file, UnaryOperator<FunitConfig> recipe) throws IOException {
    try (NDManager scratch = NDManager.newBaseManager()) {
      SafeTensors.Contents contents = SafeTensors.read(file, scratch);
      Map<String, String> meta = contents.metadata();
      if (!FORMAT.equals(meta.get("format"))) {
        throw new IOException(file + " is not a FUNIT checkpoint (format " + meta.get("format") + ")");
      }
      FunitConfig config = recipe.apply(Json.MAPPER.readValue(meta.get("config"), FunitConfig.class));
      FunitNetworks nets = FunitNetworks.create(config, 0);
      Map<String, NDArray> t = contents.tensors();
      Weights.load(nets.gen(), t, "gen.");
      Weights.load(nets.genTest(), t, "gen_test.");
      Weights.load(nets.dis(), t, "dis.");
      FunitTrainer trainer = new FunitTrainer(nets);
      trainer.genOptimizer().load(t, "opt.gen.");
      trainer.disOptimizer().load(t, "opt.dis.");
      trainer.setIteration(Long.parseLong(meta.get("iteration")));
      return new Restored(trainer, Long.parseLong(meta.get("sampler_seed")));
    }
  }
}
