package io.funit.train;

import io.funit.common.contract.TrainOverrides;
import io.funit.common.contract.TrainRequest;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.funit.config.FunitConfig;
import io.funit.common.funit.config.LossConfig;
import io.funit.common.funit.config.OptimizerConfig;
import io.funit.common.funit.config.Presets;
import io.funit.common.funit.model.DiscriminatorConfig;
import io.funit.common.funit.model.GeneratorConfig;
import io.funit.common.worker.InvalidJobException;

/** A training job's typed configuration: the preset, then the job's overrides, then the dataset's class count. */
final class TrainingPlan {
  static final long DEFAULT_SEED = 1;

  private TrainingPlan() {}

  static FunitConfig config(TrainRequest request, DatasetManifest dataset) {
    FunitConfig base = Presets.find(request.preset()).orElseThrow(() -> new InvalidJobException(
        "preset: unknown preset '" + request.preset() + "'; known: " + Presets.names()));
    int classes = dataset.split(DatasetManifest.SPLIT_TRAIN).size();
    if (classes < 1) {
      throw new InvalidJobException("dataset: " + dataset.id() + " has no training classes");
    }
    try {
      return apply(base, request.overrides()).withNumClasses(classes);
    } catch (IllegalArgumentException e) {
      throw new InvalidJobException("overrides: " + e.getMessage(), e);
    }
  }

  /** The overrides applied to a configuration (also to a checkpoint's, when a training is continued). */
  static FunitConfig apply(FunitConfig base, TrainOverrides o) {
    GeneratorConfig g = base.gen();
    GeneratorConfig gen = new GeneratorConfig(or(o.genNf(), g.nf()), g.nResBlks(), or(o.mlpDim(), g.nfMlp()),
        or(o.latentDim(), g.latentDim()), g.nMlpBlks(), or(o.contentDownsamplings(), g.nDownsContent()),
        g.nDownsClass());
    if (base.imageSize() % (1 << gen.nDownsContent()) != 0) {
      throw new IllegalArgumentException("content_downsamplings " + gen.nDownsContent() + " halves the "
          + base.imageSize() + "-pixel images of preset " + base.preset() + " to a fraction");
    }
    DiscriminatorConfig d = base.dis();
    DiscriminatorConfig dis = new DiscriminatorConfig(or(o.disNf(), d.nf()), or(o.disResBlks(), d.nResBlks()),
        d.numClasses(), d.inPlaceActivation());
    OptimizerConfig genOpt = optimizer(base.genOpt(), o.lrGen(), o.weightDecay());
    OptimizerConfig disOpt = optimizer(base.disOpt(), o.lrDis(), o.weightDecay());
    LossConfig l = base.loss();
    LossConfig loss = new LossConfig(l.ganW(), or(o.reconWeight(), l.reconW()), or(o.fmWeight(), l.fmW()),
        or(o.r1Weight(), l.r1W()), l.r1Chunk(), l.r1Method());
    return new FunitConfig(base.preset(), base.imageSize(), or(o.batchSize(), base.batchSize()), gen, dis, genOpt,
        disOpt, loss, or(o.emaBeta(), base.emaBeta()), or(o.emaWarmup(), base.emaWarmup()),
        or(o.iterations(), base.maxIter()), or(o.emaRamp(), base.emaRamp()));
  }

  static long seed(TrainRequest request) {
    return request.overrides().seed() == null ? DEFAULT_SEED : request.overrides().seed();
  }

  private static OptimizerConfig optimizer(OptimizerConfig base, Double lr, Double weightDecay) {
    return new OptimizerConfig(or(lr, base.lr()), or(weightDecay, base.weightDecay()), base.alpha(), base.eps());
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
