package io.funit.worker.translate.batching;

import io.funit.common.funit.config.Presets;
import io.funit.common.funit.model.FunitNetworks;
import io.funit.common.models.GeneratorWeights;
import io.funit.common.models.ServingGenerator;
import java.nio.file.Files;
import java.nio.file.Path;

/** Real generators for tests: the font-32 preset, randomly initialized with a seed, saved and loaded for serving. */
final class TestGenerators {
  private TestGenerators() {}

  static ServingGenerator font32(long seed) throws Exception {
    Path file = Files.createTempFile("test-generator-", ".safetensors");
    try (FunitNetworks nets = FunitNetworks.create(Presets.FONT_32, seed)) {
      GeneratorWeights.save(nets, file);
      return GeneratorWeights.loadForServing(file);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  static float[] images(java.util.Random random, int count, int size) {
    float[] values = new float[count * 3 * size * size];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextFloat() * 2 - 1;
    }
    return values;
  }
}
