package io.funit.common.funit.model;

import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.funit.common.funit.config.GeneratorConfig;

/** Image → content code (spec §1.2): 7×7 conv, strided 4×4 downsamplings doubling channels, residual blocks; IN. */
public final class ContentEncoder extends FunitBlock {
  private final IndexedSequence model;

  public ContentEncoder(GeneratorConfig config) {
    IndexedSequence layers = new IndexedSequence()
        .add(new Conv2dBlock(3, config.nf(), 7, 1, 3, Norm.INSTANCE, Nonlinearity.RELU, Padding.REFLECT));
    int channels = config.nf();
    for (int i = 0; i < config.nDownsContent(); i++) {
      layers.add(new Conv2dBlock(channels, channels * 2, 4, 2, 1, Norm.INSTANCE, Nonlinearity.RELU, Padding.REFLECT));
      channels *= 2;
    }
    layers.add(new ResBlocks(config.nResBlks(), channels, Norm.INSTANCE));
    this.model = addChildBlock("model", layers);
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    return model.forward(store, inputs, training);
  }
}
