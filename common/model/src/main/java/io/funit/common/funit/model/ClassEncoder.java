package io.funit.common.funit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.funit.common.funit.config.GeneratorConfig;

/**
 * Image → class code (B, latent) (spec §1.3): 7×7 conv, two downsamplings doubling channels, the rest keeping
 * them, global average pooling, a bare 1×1 conv; no normalization.
 */
public final class ClassEncoder extends FunitBlock {
  private final IndexedSequence model;

  public ClassEncoder(GeneratorConfig config) {
    IndexedSequence layers = new IndexedSequence()
        .add(new Conv2dBlock(3, config.nf(), 7, 1, 3, Norm.NONE, Nonlinearity.RELU, Padding.REFLECT));
    int channels = config.nf();
    for (int i = 0; i < config.nDownsClass(); i++) {
      int out = i < 2 ? channels * 2 : channels;
      layers.add(new Conv2dBlock(channels, out, 4, 2, 1, Norm.NONE, Nonlinearity.RELU, Padding.REFLECT));
      channels = out;
    }
    layers.add(Parameterless.globalAvgPool());
    layers.add(new ConvLayer(channels, config.latentDim(), 1, 1, true));
    this.model = addChildBlock("model", layers);
  }

  /** Returns the code flattened to (B, latent). */
  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray code = model.forward(store, inputs, training).singletonOrThrow();
    return new NDList(code.reshape(code.getShape().get(0), code.getShape().get(1)));
  }
}
