package io.funit.common.funit.config;

import io.funit.common.contract.InvalidRequestException;

/**
 * A training job's overrides applied to its preset. In common because the gateway refuses what the train-worker would
 * (a 400 at submission instead of a failed job) and both must agree.
 */
public final class ConfigOverrides {
  /** The content code's least side: the content encoder's 3×3 reflect-padded residual blocks need 2 pixels. */
  private static final int MIN_CONTENT_SIDE = 2;

  private ConfigOverrides() {}

  /**
   * {@code base} with every override that is set.
   *
   * @throws InvalidRequestException naming the override when the result cannot be built
   */
  public static FunitConfig apply(FunitConfig base, TrainOverrides o) {
    GeneratorConfig g = base.gen();
    int contentDowns = or(o.contentDownsamplings(), g.nDownsContent());
    int side = base.imageSize() >> contentDowns;
    if (base.imageSize() % (1 << contentDowns) != 0 || side < MIN_CONTENT_SIDE) {
      throw new InvalidRequestException("overrides.content_downsamplings", contentDowns + " downsamplings of the "
          + base.imageSize() + "-pixel images of preset " + base.preset() + " leave no content code of at least "
          + MIN_CONTENT_SIDE + "×" + MIN_CONTENT_SIDE + " pixels");
    }
    GeneratorConfig gen = new GeneratorConfig(or(o.genNf(), g.nf()), g.nResBlks(), or(o.mlpDim(), g.nfMlp()),
        or(o.latentDim(), g.latentDim()), g.nMlpBlks(), contentDowns, g.nDownsClass());
    DiscriminatorConfig d = base.dis();
    DiscriminatorConfig dis = new DiscriminatorConfig(or(o.disNf(), d.nf()), or(o.disResBlks(), d.nResBlks()),
        d.numClasses(), d.inPlaceActivation(), o.disHead() == null ? d.head()
        : DiscriminatorHead.parse("overrides.dis_head", o.disHead()));
    OptimizerConfig genOpt = optimizer(base.genOpt(), o.lrGen(), o.weightDecay());
    OptimizerConfig disOpt = optimizer(base.disOpt(), o.lrDis(), o.weightDecay());
    LossConfig l = base.loss();
    LossConfig loss = new LossConfig(l.ganW(), or(o.reconWeight(), l.reconW()), or(o.fmWeight(), l.fmW()),
        or(o.r1Weight(), l.r1W()), l.r1Chunk(), l.r1Method(), or(o.pairedWeight(), l.pairedW()));
    return new FunitConfig(base.preset(), base.imageSize(), or(o.batchSize(), base.batchSize()), gen, dis, genOpt,
        disOpt, loss, or(o.emaBeta(), base.emaBeta()), or(o.emaWarmup(), base.emaWarmup()),
        or(o.iterations(), base.maxIter()), or(o.emaRamp(), base.emaRamp()), or(o.classShots(), base.classShots()));
  }

  private static OptimizerConfig optimizer(OptimizerConfig base, Double lr, Double weightDecay) {
    return new OptimizerConfig(or(lr, base.lr()), or(weightDecay, base.weightDecay()), base.alpha(), base.eps());
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
