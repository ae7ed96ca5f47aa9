package io.funit.common.funit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** A bare nn.Conv2d with stride, no padding (padding is the caller's job), weight (out,in,k,k) and optional bias. */
public final class ConvLayer extends FunitBlock implements Tangent {
  private final Parameter weight;
  /** Null for the discriminator's 1×1 shortcut, which has no bias (spec §2.1). */
  private final Parameter bias;
  private final int stride;

  public ConvLayer(int in, int out, int kernel, int stride, boolean withBias) {
    this.stride = stride;
    this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(out, in, kernel, kernel)).build());
    this.bias = withBias ? addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
        .optShape(new Shape(out)).build()) : null;
  }

  /** A convolution is linear in its input: ẏ is the convolution of ẋ without the bias. */
  @Override
  public NDArray[] tangent(ParameterStore store, NDArray x, NDArray xDot, boolean training) {
    // the primal output only fixes LeakyReLU slopes downstream: no graph for it
    boolean recording = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    NDArray y;
    try {
      y = forward(store, new NDList(x), training).singletonOrThrow();
    } finally {
      JniUtils.setGradMode(recording);
    }
    NDArray w = store.getValue(weight, x.getDevice(), training);
    NDArray yDot = Conv2d.conv2d(xDot, w, null, new Shape(stride, stride), new Shape(0, 0), new Shape(1, 1))
        .singletonOrThrow();
    FlopCounter.add(yDot.getShape().size() * weight.getShape().get(1) * weight.getShape().get(2) * weight.getShape().get(3),
        xDot, w);
    return new NDArray[] {y, yDot};
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray w = store.getValue(weight, x.getDevice(), training);
    NDArray b = bias == null ? null : store.getValue(bias, x.getDevice(), training);
    NDList out = Conv2d.conv2d(x, w, b, new Shape(stride, stride), new Shape(0, 0), new Shape(1, 1));
    Shape o = out.singletonOrThrow().getShape();
    Shape k = weight.getShape();
    FlopCounter.add(o.size() * k.get(1) * k.get(2) * k.get(3), x, w);
    return out;
  }
}
