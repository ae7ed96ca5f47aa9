package io.funit.common.stargan.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.funit.common.funit.model.FunitBlock;

/** y = x + IN(conv3×3(ReLU(IN(conv3×3(x))))), zero padding, no bias: StarGAN's bottleneck block. */
final class StarGanResBlock extends FunitBlock {
  private final ConvNormRelu first;
  private final ConvNormRelu second;

  StarGanResBlock(int channels) {
    this.first = addChildBlock("0", ConvNormRelu.conv(channels, channels, 3, 1, 1));
    this.second = addChildBlock("1", ConvNormRelu.convNoRelu(channels, channels, 3, 1));
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDList y = second.forward(store, first.forward(store, inputs, training), training);
    return new NDList(x.add(y.singletonOrThrow()));
  }
}
