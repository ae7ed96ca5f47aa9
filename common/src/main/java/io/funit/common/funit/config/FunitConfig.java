package io.funit.common.funit.config;

import io.funit.common.funit.model.DiscriminatorConfig;
import io.funit.common.funit.model.GeneratorConfig;

/**
 * Everything that defines a FUNIT model and its training. Gen and dis settings are separate fields (the
 * official trainer swapped lr_gen and lr_dis, spec §4; here each net gets its own by name).
 *
 * @param preset the preset this was derived from
 * @param imageSize training and inference image size (square)
 * @param batchSize content/class pairs per iteration
 * @param gen generator shape
 * @param dis discriminator shape
 * @param genOpt generator optimizer
 * @param disOpt discriminator optimizer
 * @param loss loss weights
 * @param emaBeta weight of the old EMA generator in θ_ema ← β·θ_ema + (1−β)·θ
 * @param emaWarmup updates during which the EMA generator just copies the generator (0 = official; imaginaire uses
 *     1000, spec §8)
 * @param maxIter training iterations
 */
public record FunitConfig(String preset, int imageSize, int batchSize, GeneratorConfig gen, DiscriminatorConfig dis,
    OptimizerConfig genOpt, OptimizerConfig disOpt, LossConfig loss, double emaBeta, int emaWarmup, long maxIter) {
  public FunitConfig {
    if (imageSize < 8 || batchSize < 1 || maxIter < 1 || emaBeta < 0 || emaBeta >= 1 || emaWarmup < 0) {
      throw new IllegalArgumentException("need image_size ≥ 8, batch_size ≥ 1, max_iter ≥ 1, 0 ≤ ema_beta < 1");
    }
    if (imageSize % (1 << gen.nDownsContent()) != 0) {
      throw new IllegalArgumentException("image_size " + imageSize + " must be divisible by 2^n_downs_content");
    }
  }

  public FunitConfig withNumClasses(int classes) {
    return new FunitConfig(preset, imageSize, batchSize, gen, new io.funit.common.funit.model.DiscriminatorConfig(
        dis.nf(), dis.nResBlks(), classes, dis.inPlaceActivation()), genOpt, disOpt, loss, emaBeta, emaWarmup, maxIter);
  }

  public FunitConfig withBatchSize(int batch) {
    return new FunitConfig(preset, imageSize, batch, gen, dis, genOpt, disOpt, loss, emaBeta, emaWarmup, maxIter);
  }
}
