package io.funit.deploy.bench;

import io.funit.common.funit.config.FunitConfig;
import io.funit.common.funit.config.Presets;
import io.funit.common.funit.model.FunitNetworks;
import io.funit.common.json.Json;
import io.funit.common.models.GeneratorWeights;
import io.funit.common.models.ModelCard;
import io.funit.common.models.ModelRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A freshly initialized generator of a preset, registered as a model: serving speed does not depend on what the
 * weights learned, so a benchmark needs no training first.
 */
final class BenchModel {
  private BenchModel() {}

  static String register(ModelRegistry registry, String preset) throws Exception {
    FunitConfig config = Presets.get(preset);
    String id = "bench-" + preset;
    Path file = Files.createTempFile("bench-generator-", ".safetensors");
    try (FunitNetworks nets = FunitNetworks.create(config, 1)) {
      GeneratorWeights.save(nets, file);
      registry.register(new ModelCard(id, null, null, "none (random initialization, for benchmarks)", preset,
          config.imageSize(), Json.MAPPER.valueToTree(config), 0, List.of(), List.of(), Map.of(), List.of(),
          ModelRegistry.generatorKey(id), Instant.now(), "gray", ModelCard.FUNIT, null), file);
    } finally {
      Files.deleteIfExists(file);
    }
    return id;
  }
}
