package io.funit.common.stargan.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.funit.common.funit.weights.SafeTensors;
import io.funit.common.funit.weights.Weights;
import io.funit.common.json.Json;
import io.funit.common.stargan.config.StarGanConfig;
import io.funit.common.stargan.model.StarGanNetworks;
import io.funit.common.stargan.serving.StarGanModelFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One StarGAN training checkpoint, a safetensors file: {@code gen.*}, {@code dis.*}, both optimizers' moments
 * ({@code opt.gen.m.*}, {@code opt.gen.v.*}, {@code opt.dis.…}), the domains' mean features ({@code prototypes.*});
 * metadata: configuration, iteration, both optimizers' step counts, the trainer's seed and the sampler's. A training
 * resumed from it continues as the uninterrupted one would.
 */
public final class StarGanCheckpoint {
  public static final String FORMAT = "stargan-checkpoint/1";

  private StarGanCheckpoint() {}

  /** A restored trainer and the sampler seed it was saved with. */
  public record Restored(StarGanTrainer trainer, long samplerSeed) {}

  public static void save(StarGanTrainer trainer, long samplerSeed, Path file) throws IOException {
    StarGanNetworks nets = trainer.networks();
    Map<String, NDArray> tensors = new LinkedHashMap<>();
    tensors.putAll(Weights.export(nets.gen(), "gen."));
    tensors.putAll(Weights.export(nets.dis(), "dis."));
    trainer.genOptimizer().state().forEach((k, v) -> tensors.put("opt.gen." + k, v));
    trainer.disOptimizer().state().forEach((k, v) -> tensors.put("opt.dis." + k, v));
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("format", FORMAT);
    metadata.put("config", Json.write(nets.config()));
    metadata.put("iteration", Long.toString(trainer.iteration()));
    metadata.put("seed", Long.toString(trainer.seed()));
    metadata.put("sampler_seed", Long.toString(samplerSeed));
    metadata.put("gen_opt_steps", Long.toString(trainer.genOptimizer().steps()));
    metadata.put("dis_opt_steps", Long.toString(trainer.disOptimizer().steps()));
    try (NDManager scratch = nets.manager().newSubManager()) {
      tensors.putAll(StarGanModelFile.prototypeTensors(nets.prototypes(), scratch));
      SafeTensors.write(file, tensors, metadata);
    }
  }

  public static Restored load(Path file) throws IOException {
    return load(file, UnaryOperator.identity());
  }

  /** The checkpoint with its stored configuration changed by {@code recipe} (a continuation's new rates). */
  public static Restored load(Path file, UnaryOperator<StarGanConfig> recipe) throws IOException {
    try (NDManager scratch = NDManager.newBaseManager()) {
      SafeTensors.Contents contents = SafeTensors.read(file, scratch);
      Map<String, String> meta = contents.metadata();
      if (!FORMAT.equals(meta.get("format"))) {
        throw new IOException(file + " is not a StarGAN checkpoint (format " + meta.get("format") + ")");
      }
      StarGanConfig config = recipe.apply(Json.MAPPER.readValue(meta.get("config"), StarGanConfig.class));
      long seed = Long.parseLong(meta.get("seed"));
      StarGanNetworks nets = StarGanNetworks.create(config, seed);
      StarGanTrainer trainer = new StarGanTrainer(nets, seed);
      try {
        Map<String, NDArray> t = contents.tensors();
        Weights.load(nets.gen(), t, "gen.");
        Weights.load(nets.dis(), t, "dis.");
        StarGanModelFile.loadPrototypes(t, nets.prototypes());
        trainer.genOptimizer().load(t, "opt.gen.", Long.parseLong(meta.get("gen_opt_steps")));
        trainer.disOptimizer().load(t, "opt.dis.", Long.parseLong(meta.get("dis_opt_steps")));
        trainer.setIteration(Long.parseLong(meta.get("iteration")));
        return new Restored(trainer, Long.parseLong(meta.get("sampler_seed")));
      } catch (RuntimeException e) {
        trainer.close();
        nets.close();
        throw e;
      }
    }
  }
}
