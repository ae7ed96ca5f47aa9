package io.funit.common.funit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.funit.common.funit.config.GeneratorConfig;

/**
 * (content code, AdaIN params) → image in [−1, 1] (spec §1.5): AdaIN residual blocks, then per upsampling a
 * nearest ×2 and a 5×5 conv with plain IN halving channels, then a 7×7 conv with tanh. The AdaIN parameters are
 * an input, never stored in the block, so one decoder serves any number of styles at once.
 */
public final class AdaInDecoder extends FunitBlock {
  private final IndexedSequence model;

  public AdaInDecoder(GeneratorConfig config) {
    int channels = config.contentChannels();
    IndexedSequence layers = new IndexedSequence().add(new ResBlocks(config.nResBlks(), channels, Norm.ADAIN));
    for (int i = 0; i < config.nDownsContent(); i++) {
      layers.add(Parameterless.upsampleNearest2x());
      layers.add(new Conv2dBlock(channels, channels / 2, 5, 1, 2, Norm.INSTANCE, Nonlinearity.RELU, Padding.REFLECT));
      channels /= 2;
    }
    layers.add(new Conv2dBlock(channels, 3, 7, 1, 3, Norm.NONE, Nonlinearity.TANH, Padding.REFLECT));
    this.model = addChildBlock("model", layers);
  }

  /** Inputs: content code (B,C,h,w) and AdaIN parameters (B, n). */
  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray styled = model.get(0).forward(store, inputs, training).singletonOrThrow();
    return model.forwardFrom(1, store, new NDList(styled), training);
  }
}
