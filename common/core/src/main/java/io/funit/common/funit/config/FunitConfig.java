package io.funit.common.funit.config;


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
 * @param emaRamp after the warm-up, use β_t = min(β, (1 + t) / (10 + t)) at update t (TensorFlow's
 *     ExponentialMovingAverage with num_updates) instead of β: the EMA then averages about the last t/10 updates, so
 *     a short training's EMA keeps up with the generator (false = official)
 * @param classShots class images per sample in training (K): the translation's class code is the mean of their
 *     codes, as K-shot inference takes it (spec §5, G3), and feature matching compares with the mean of their
 *     discriminator features (the paper's L_F); 1 = official (FUNIT trains with K = 1 and is tested with K &gt; 1)
 */
public record FunitConfig(String preset, int imageSize, int batchSize, GeneratorConfig gen, DiscriminatorConfig dis,
    OptimizerConfig genOpt, OptimizerConfig disOpt, LossConfig loss, double emaBeta, int emaWarmup, long maxIter,
    boolean emaRamp, int classShots) {
  /** A configuration trained with one class image per sample (official). */
  public FunitConfig(String preset, int imageSize, int batchSize, GeneratorConfig gen, DiscriminatorConfig dis,
      OptimizerConfig genOpt, OptimizerConfig disOpt, LossConfig loss, double emaBeta, int emaWarmup, long maxIter,
      boolean emaRamp) {
    this(preset, imageSize, batchSize, gen, dis, genOpt, disOpt, loss, emaBeta, emaWarmup, maxIter, emaRamp, 1);
  }

  /** A configuration with the official constant EMA decay. */
  public FunitConfig(String preset, int imageSize, int batchSize, GeneratorConfig gen, DiscriminatorConfig dis,
      OptimizerConfig genOpt, OptimizerConfig disOpt, LossConfig loss, double emaBeta, int emaWarmup, long maxIter) {
    this(preset, imageSize, batchSize, gen, dis, genOpt, disOpt, loss, emaBeta, emaWarmup, maxIter, false);
  }

  public FunitConfig {
    // configurations stored before the option existed read as 0
    classShots = classShots == 0 ? 1 : classShots;
    if (classShots < 1) {
      throw new IllegalArgumentException("class_shots must be at least 1, got " + classShots);
    }
    if (imageSize < 8 || batchSize < 1 || maxIter < 1 || emaBeta < 0 || emaBeta >= 1 || emaWarmup < 0) {
      throw new IllegalArgumentException("need image_size ≥ 8, batch_size ≥ 1, max_iter ≥ 1, 0 ≤ ema_beta < 1");
    }
    if (imageSize % (1 << gen.nDownsContent()) != 0) {
      throw new IllegalArgumentException("image_size " + imageSize + " must be divisible by 2^n_downs_content");
    }
  }

  public FunitConfig withNumClasses(int classes) {
    return new FunitConfig(preset, imageSize, batchSize, gen, dis.withNumClasses(classes), genOpt, disOpt, loss,
        emaBeta, emaWarmup, maxIter, emaRamp, classShots);
  }

  public FunitConfig withBatchSize(int batch) {
    return new FunitConfig(preset, imageSize, batch, gen, dis, genOpt, disOpt, loss, emaBeta, emaWarmup, maxIter,
        emaRamp, classShots);
  }

  /** The EMA decay of update {@code t} (0-based): 0 (a copy) during the warm-up, then β or its ramp. */
  public double emaDecay(long t) {
    if (t < emaWarmup) {
      return 0;
    }
    return emaRamp ? Math.min(emaBeta, (1.0 + t) / (10.0 + t)) : emaBeta;
  }
}
