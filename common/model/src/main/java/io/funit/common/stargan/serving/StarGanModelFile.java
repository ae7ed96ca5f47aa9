package io.funit.common.stargan.serving;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.funit.common.funit.weights.SafeTensors;
import io.funit.common.funit.weights.StateDictKeys;
import io.funit.common.funit.weights.Weights;
import io.funit.common.json.Json;
import io.funit.common.stargan.config.StarGanConfig;
import io.funit.common.stargan.model.ClassPrototypes;
import io.funit.common.stargan.model.StarGanDiscriminator;
import io.funit.common.stargan.model.StarGanNetworks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A registered StarGAN model's file: the generator ({@code gen.*}), the discriminator whose trunk gives the class
 * features ({@code dis.*}), the domains' mean features and their image counts ({@code prototypes.*}), the
 * configuration and the conditioning in the metadata.
 */
public final class StarGanModelFile {
  public static final String FORMAT = "stargan-generator/1";

  private StarGanModelFile() {}

  /** @param nearest the conditioning the model serves with (see {@link StarGanTranslator}) */
  public static void save(StarGanNetworks nets, boolean nearest, Path file) throws IOException {
    Map<String, NDArray> tensors = new LinkedHashMap<>();
    tensors.putAll(Weights.export(nets.gen(), "gen."));
    tensors.putAll(Weights.export(nets.dis(), "dis."));
    try (NDManager scratch = nets.manager().newSubManager()) {
      tensors.putAll(prototypeTensors(nets.prototypes(), scratch));
      SafeTensors.write(file, tensors, Map.of("format", FORMAT, "config", Json.write(nets.config()), "conditioning",
          nearest ? "nearest" : "softmax"));
    }
  }

  /**
   * The prototypes as tensors under {@code prototypes.}, for model files and checkpoints; the counts' array is made
   * in {@code manager}, which the caller closes once the file is written.
   */
  public static Map<String, NDArray> prototypeTensors(ClassPrototypes prototypes, NDManager manager) {
    return Map.of("prototypes.means", prototypes.means(), "prototypes.counts", manager.create(prototypes.counts()));
  }

  /** Copies saved prototypes into {@code prototypes}. */
  public static void loadPrototypes(Map<String, NDArray> tensors, ClassPrototypes target) {
    NDArray means = tensors.get("prototypes.means");
    if (means == null || !means.getShape().equals(target.means().getShape())) {
      throw new IllegalArgumentException("prototypes.means missing or mis-shaped");
    }
    NDArray counts = tensors.get("prototypes.counts");
    if (counts == null) {
      throw new IllegalArgumentException("prototypes.counts missing");
    }
    target.means().set(means.toByteBuffer());
    target.restoreCounts(counts.toLongArray());
  }

  public static ServingStarGan load(Path file) throws IOException {
    NDManager manager = NDManager.newBaseManager();
    try (NDManager scratch = NDManager.newBaseManager()) {
      SafeTensors.Contents contents = SafeTensors.read(file, scratch);
      Map<String, String> meta = contents.metadata();
      if (!FORMAT.equals(meta.get("format"))) {
        throw new IOException(file + " is not a StarGAN model file (format " + meta.get("format") + ")");
      }
      StarGanConfig config = Json.MAPPER.readValue(meta.get("config"), StarGanConfig.class);
      var generator = StarGanNetworks.newGenerator(config, manager);
      StarGanDiscriminator dis = StarGanNetworks.newDiscriminator(config, manager);
      ClassPrototypes prototypes = new ClassPrototypes(manager, config.domains(), config.dis().featureChannels());
      Weights.load(generator, contents.tensors(), "gen.");
      Weights.load(dis, contents.tensors(), "dis.");
      loadPrototypes(contents.tensors(), prototypes);
      long bytes = Float.BYTES * (StateDictKeys.count(generator) + StateDictKeys.count(dis)
          + prototypes.means().size());
      return new ServingStarGan(config, manager, new StarGanTranslator(generator, dis, prototypes,
          config.imageSize(), "nearest".equals(meta.get("conditioning"))), bytes);
    } catch (IOException | RuntimeException e) {
      manager.close();
      throw e;
    }
  }
}
