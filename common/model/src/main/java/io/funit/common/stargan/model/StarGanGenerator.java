package io.funit.common.stargan.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.funit.common.funit.model.ConvLayer;
import io.funit.common.funit.model.FunitBlock;
import io.funit.common.funit.model.IndexedSequence;
import io.funit.common.funit.model.Ops;
import io.funit.common.stargan.config.StarGanGeneratorConfig;

/**
 * StarGAN's generator ({@link StarGanGeneratorConfig}). Inputs: images (B, 3, S, S) in [−1, 1] and target domain
 * vectors (B, D), one-hot in training and any mix of domains at inference (StarGAN-Fair-K feeds a softmax over
 * similarities to the source classes). Output: (B, 3, S, S) in [−1, 1]. Stateless per request.
 */
public final class StarGanGenerator extends FunitBlock {
  private final StarGanGeneratorConfig config;
  private final int domains;
  private final DomainConditionedConv input;
  private final AffineInstanceNorm inputNorm;
  private final IndexedSequence body;
  private final ConvLayer output;

  public StarGanGenerator(StarGanGeneratorConfig config, int domains) {
    this.config = config;
    this.domains = domains;
    int channels = config.convDim();
    this.input = addChildBlock("input", new DomainConditionedConv(3, domains, channels, 7, 3));
    this.inputNorm = addChildBlock("input_norm", new AffineInstanceNorm(channels));
    IndexedSequence layers = new IndexedSequence();
    for (int i = 0; i < config.downsamplings(); i++) {
      layers.add(ConvNormRelu.conv(channels, channels * 2, 4, 2, 1));
      channels *= 2;
    }
    for (int i = 0; i < config.resBlocks(); i++) {
      layers.add(new StarGanResBlock(channels));
    }
    for (int i = 0; i < config.downsamplings(); i++) {
      layers.add(ConvNormRelu.up(channels, channels / 2));
      channels /= 2;
    }
    this.body = addChildBlock("body", layers);
    this.output = addChildBlock("output", new ConvLayer(channels, 3, 7, 1, false));
  }

  public StarGanGeneratorConfig config() {
    return config;
  }

  /** Length of the domain vectors it takes. */
  public int domains() {
    return domains;
  }

  /** Translations of {@code images} into the domains {@code targets} (B, D). */
  public NDArray translate(ParameterStore store, NDArray images, NDArray targets, boolean training) {
    return forward(store, new NDList(images, targets), training).singletonOrThrow();
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDList x = inputNorm.forward(store, input.forward(store, inputs, training), training);
    x = body.forward(store, new NDList(Activation.relu(x.singletonOrThrow())), training);
    NDArray rgb = output.forward(store, new NDList(Ops.zeroPad(x.singletonOrThrow(), 3)), training)
        .singletonOrThrow();
    return new NDList(rgb.tanh());
  }
}
