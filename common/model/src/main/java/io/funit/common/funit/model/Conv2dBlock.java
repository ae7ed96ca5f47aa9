package io.funit.common.funit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * FUNIT's Conv2dBlock (spec §1.1): pad → conv (padding 0) → norm → activation, or with {@code activationFirst}
 * activation → pad → conv → norm. With {@link Norm#ADAIN} the input is {@code (x, weight (B,C), bias (B,C))}.
 */
public final class Conv2dBlock extends FunitBlock implements Tangent {
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

  /** Defined for the discriminator's blocks (no normalization); padding is linear, LeakyReLU has a fixed slope. */
  @Override
  public NDArray[] tangent(ParameterStore store, NDArray x, NDArray xDot, boolean training) {
    if (norm != Norm.NONE || (activation != Nonlinearity.NONE && activation != Nonlinearity.LRELU)) {
      throw new IllegalStateException("tangents are defined for unnormalized, LeakyReLU or linear conv blocks");
    }
    return Intermediates.freedAfter(new NDArray[] {x, xDot}, () -> runTangent(store, x, xDot, training));
  }

  private NDArray[] runTangent(ParameterStore store, NDArray x, NDArray xDot, boolean training) {
    NDArray z = x;
    NDArray zDot = xDot;
    if (activationFirst && activation == Nonlinearity.LRELU) {
      zDot = Tangent.leakyReluTangent(z, zDot);
      z = activation.apply(z);
    }
    NDArray[] conv = this.conv.tangent(store, pad(z), pad(zDot), training);
    if (!activationFirst && activation == Nonlinearity.LRELU) {
      return new NDArray[] {activation.apply(conv[0]), Tangent.leakyReluTangent(conv[0], conv[1])};
    }
    return conv;
  }

  private NDArray pad(NDArray x) {
    return padding == Padding.REFLECT ? Ops.reflectPad(x, pad) : Ops.zeroPad(x, pad);
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    // the pad's, the norm's and the activation's temporaries are freed on return (a graph keeps what its backward
    // needs)
    return Intermediates.freedAfter(inputs, () -> run(store, inputs, training));
  }

  private NDList run(ParameterStore store, NDList inputs, boolean training) {
    NDArray x = inputs.get(0);
    if (activationFirst) {
      x = activation.apply(x);
    }
    x = pad(x);
    x = conv.forward(store, new NDList(x), training).singletonOrThrow();
    x = switch (norm) {
      case NONE -> x;
      case INSTANCE -> Ops.instanceNorm(x);
      case ADAIN -> Ops.adaIn(x, inputs.get(1), inputs.get(2));
    };
    return new NDList(activationFirst ? x : activation.apply(x));
  }
}
