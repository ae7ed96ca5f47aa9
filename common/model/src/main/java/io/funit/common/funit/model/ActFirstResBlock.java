package io.funit.common.funit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The discriminator's pre-activation residual block (spec §2.1): LReLU → 3×3 conv → LReLU → 3×3 conv, plus a
 * shortcut that is learned (1×1, no bias) only when the channel count changes.
 *
 * <p>The official block applies its first LeakyReLU in place, on the input tensor itself, so an identity shortcut
 * adds LReLU(x), not x (spec G1). {@code inPlaceSemantics} replicates that (the default, for fidelity); false gives
 * the clean pre-activation block. A learned shortcut always sees the raw x. The activations are applied here, so
 * conv_0 and conv_1 are plain padded convolutions with the official parameter names.
 */
public final class ActFirstResBlock extends FunitBlock implements Tangent {
  private final Conv2dBlock conv0;
  private final Conv2dBlock conv1;
  private final Conv2dBlock convS;
  private final boolean inPlaceSemantics;

  public ActFirstResBlock(int fin, int fout, boolean inPlaceSemantics) {
    int fhid = Math.min(fin, fout);
    this.inPlaceSemantics = inPlaceSemantics;
    this.conv0 = addChildBlock("conv_0", new Conv2dBlock(fin, fhid, 3, 1, 1, Norm.NONE, Nonlinearity.NONE, Padding.REFLECT));
    this.conv1 = addChildBlock("conv_1", new Conv2dBlock(fhid, fout, 3, 1, 1, Norm.NONE, Nonlinearity.NONE, Padding.REFLECT));
    this.convS = fin == fout ? null : addChildBlock("conv_s",
        new Conv2dBlock(fin, fout, 1, 1, 0, Norm.NONE, Nonlinearity.NONE, Padding.ZERO, false, false));
  }

  @Override
  public NDArray[] tangent(ParameterStore store, NDArray x, NDArray xDot, boolean training) {
    return Intermediates.freedAfter(new NDArray[] {x, xDot}, () -> runTangent(store, x, xDot, training));
  }

  private NDArray[] runTangent(ParameterStore store, NDArray x, NDArray xDot, boolean training) {
    NDArray activated = Nonlinearity.LRELU.apply(x);
    NDArray activatedDot = Tangent.leakyReluTangent(x, xDot);
    NDArray[] shortcut;
    if (convS != null) {
      shortcut = convS.tangent(store, x, xDot, training);
    } else {
      shortcut = inPlaceSemantics ? new NDArray[] {activated, activatedDot} : new NDArray[] {x, xDot};
    }
    NDArray[] hidden = conv0.tangent(store, activated, activatedDot, training);
    NDArray[] residual = conv1.tangent(store, Nonlinearity.LRELU.apply(hidden[0]),
        Tangent.leakyReluTangent(hidden[0], hidden[1]), training);
    return new NDArray[] {shortcut[0].add(residual[0]), shortcut[1].add(residual[1])};
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    return Intermediates.freedAfter(inputs, () -> run(store, inputs, training));
  }

  private NDList run(ParameterStore store, NDList inputs, boolean training) {
    NDArray x = inputs.singletonOrThrow();
    NDArray activated = Nonlinearity.LRELU.apply(x);
    NDArray shortcut;
    if (convS != null) {
      shortcut = convS.forward(store, new NDList(x), training).singletonOrThrow();
    } else {
      shortcut = inPlaceSemantics ? activated : x;
    }
    NDArray hidden = conv0.forward(store, new NDList(activated), training).singletonOrThrow();
    NDArray residual = conv1.forward(store, new NDList(Nonlinearity.LRELU.apply(hidden)), training).singletonOrThrow();
    return new NDList(shortcut.add(residual));
  }
}
