package io.funit.common.funit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * FUNIT's Conv2dBlock (spec §1.1): pad → conv (padding 0) → norm → activation, or with {@code activationFirst}
 * activation → pad → conv → norm. With {@link Norm#ADAIN} the input is {@code (x, weight (B,C), bias (B,C))}.
 */
public final class Conv2dBlock extends FunitBlock {
  private final ConvLayer conv;
  private final int pad;
  private final Padding padding;
  private final Norm norm;
  private final Nonlinearity activation;
  private final boolean activationFirst;

  public Conv2dBlock(int in, int out, int kernel, int stride, int pad, Norm norm, Nonlinearity activation,
      Padding padding, boolean bias, boolean activationFirst) {
    this.conv = addChildBlock("conv", new ConvLayer(in, out, kernel, stride, bias));
    this.pad = pad;
    this.padding = padding;
    this.norm = norm;
    this.activation = activation;
    this.activationFirst = activationFirst;
  }

  /** The common case: bias, activation after the norm. */
  public Conv2dBlock(int in, int out, int kernel, int stride, int pad, Norm norm, Nonlinearity activation,
      Padding padding) {
    this(in, out, kernel, stride, pad, norm, activation, padding, true, false);
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    if (activationFirst) {
      x = activation.apply(x);
    }
    x = padding == Padding.REFLECT ? Ops.reflectPad(x, pad) : Ops.zeroPad(x, pad);
    x = conv.forward(store, new NDList(x), training).singletonOrThrow();
    x = switch (norm) {
      case NONE -> x;
      case INSTANCE -> Ops.instanceNorm(x);
      case ADAIN -> Ops.adaIn(x, inputs.get(1), inputs.get(2));
    };
    return new NDList(activationFirst ? x : activation.apply(x));
  }
}
