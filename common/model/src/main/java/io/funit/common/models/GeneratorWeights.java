package io.funit.common.models;

import ai.djl.ndarray.NDManager;
import io.funit.common.funit.config.FunitConfig;
import io.funit.common.funit.model.FunitNetworks;
import io.funit.common.funit.weights.SafeTensors;
import io.funit.common.funit.weights.Weights;
import io.funit.common.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A registered model's file: the EMA generator's weights under the official {@code state_dict} key names (no
 * prefix, as a converted official {@code gen_test}), with the configuration in the safetensors metadata so the
 * file alone rebuilds the network.
 */
public final class GeneratorWeights {
  public static final String FORMAT = "funit-generator/1";

  private GeneratorWeights() {}

  public static void save(FunitNetworks nets, Path file) throws IOException {
    SafeTensors.write(file, Weights.export(nets.genTest(), ""), Map.of("format", FORMAT,
        "config", Json.write(nets.config())));
  }

  /** The file's generator alone, for inference: a third of the memory of {@link #load}. */
  public static ServingGenerator loadForServing(Path file) throws IOException {
    NDManager manager = NDManager.newBaseManager();
    try (NDManager scratch = NDManager.newBaseManager()) {
      SafeTensors.Contents contents = SafeTensors.read(file, scratch);
      FunitConfig config = config(file, contents);
      io.funit.common.funit.model.FewShotGenerator generator = FunitNetworks.newGenerator(config, manager);
      Weights.load(generator, contents.tensors(), "");
      return new ServingGenerator(config, manager, generator);
    } catch (IOException | RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  private static FunitConfig config(Path file, SafeTensors.Contents contents) throws IOException {
    if (!FORMAT.equals(contents.metadata().get("format"))) {
      throw new IOException(file + " is not a FUNIT generator file (format " + contents.metadata().get("format")
          + ")");
    }
    return Json.MAPPER.readValue(contents.metadata().get("config"), FunitConfig.class);
  }

  /** Networks whose generators (both) hold the file's weights; the discriminator stays at its initialization. */
  public static FunitNetworks load(Path file) throws IOException {
    try (NDManager scratch = NDManager.newBaseManager()) {
      SafeTensors.Contents contents = SafeTensors.read(file, scratch);
      FunitConfig config = config(file, contents);
      FunitNetworks nets = FunitNetworks.create(config, 0);
      Weights.load(nets.gen(), contents.tensors(), "");
      Weights.load(nets.genTest(), contents.tensors(), "");
      return nets;
    }
  }
}
