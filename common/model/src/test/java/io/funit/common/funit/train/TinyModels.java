package io.funit.common.funit.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.funit.common.funit.config.DiscriminatorConfig;
import io.funit.common.funit.config.DiscriminatorHead;
import io.funit.common.funit.config.FunitConfig;
import io.funit.common.funit.config.GeneratorConfig;
import io.funit.common.funit.config.LossConfig;
import io.funit.common.funit.config.OptimizerConfig;
import java.util.Random;

/** A tiny FUNIT configuration and deterministic batches, for fast training tests. */
final class TinyModels {
  static final int CLASSES = 5;

  private TinyModels() {}

  static FunitConfig config(LossConfig loss) {
    return config(loss, DiscriminatorHead.MULTI_TASK);
  }

  static FunitConfig config(LossConfig loss, DiscriminatorHead head) {
    return new FunitConfig("tiny", 16, 4, new GeneratorConfig(8, 1, 16, 8, 3, 1, 2),
        new DiscriminatorConfig(8, 4, CLASSES, true, head), OptimizerConfig.OFFICIAL.withLr(1e-3),
        OptimizerConfig.OFFICIAL.withLr(1e-3), loss, 0.9, 0, 1000);
  }

  /** Batch i of a run: a function of (seed, i) only, as the real sampler is. */
  static TrainingBatch batch(NDManager m, FunitConfig config, long seed, long iteration) {
    Random random = new Random(seed * 1_000_003 + iteration);
    int b = config.batchSize();
    int s = config.imageSize();
    return new TrainingBatch(images(m, random, b, s), labels(m, random, b), images(m, random, b, s), labels(m, random, b));
  }

  private static ai.djl.ndarray.NDArray images(NDManager m, Random random, int b, int s) {
    float[] data = new float[b * 3 * s * s];
    for (int i = 0; i < data.length; i++) {
      data[i] = random.nextFloat() * 2 - 1;
    }
    return m.create(data, new Shape(b, 3, s, s));
  }

  private static ai.djl.ndarray.NDArray labels(NDManager m, Random random, int b) {
    long[] labels = new long[b];
    for (int i = 0; i < b; i++) {
      labels[i] = random.nextInt(CLASSES);
    }
    return m.create(labels);
  }
}
