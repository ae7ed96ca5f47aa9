package io.funit.common.stargan.model;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.funit.common.funit.model.ConvLayer;
import io.funit.common.funit.model.FunitBlock;
import io.funit.common.funit.model.Ops;

/**
 * The generator's unit: a zero-padded convolution without bias (or a transposed one), affine instance norm and,
 * unless it closes a residual branch, ReLU.
 */
final class ConvNormRelu extends FunitBlock {
  private final Block conv;
  private final AffineInstanceNorm norm;
  private final int pad;
  private final boolean relu;

  private ConvNormRelu(Block conv, int channels, int pad, boolean relu) {
    this.conv = addChildBlock("conv", conv);
    this.norm = addChildBlock("norm", new AffineInstanceNorm(channels));
    this.pad = pad;
    this.relu = relu;
  }

  /** A k×k convolution with the given stride and zero padding, then norm and ReLU. */
  static ConvNormRelu conv(int in, int out, int kernel, int stride, int pad) {
    return new ConvNormRelu(new ConvLayer(in, out, kernel, stride, false), out, pad, true);
  }

  /** As {@link #conv} without the ReLU: the second half of a residual branch. */
  static ConvNormRelu convNoRelu(int in, int out, int kernel, int pad) {
    return new ConvNormRelu(new ConvLayer(in, out, kernel, 1, false), out, pad, false);
  }

  /** The 4×4 stride-2 transposed convolution (doubles the side), then norm and ReLU. */
  static ConvNormRelu up(int in, int out) {
    return new ConvNormRelu(new TransposedConv2x(in, out), out, 0, true);
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDList x = new NDList(Ops.zeroPad(inputs.singletonOrThrow(), pad));
    NDList y = norm.forward(store, conv.forward(store, x, training), training);
    return relu ? new NDList(Activation.relu(y.singletonOrThrow())) : y;
  }
}
