package io.funit.common.funit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.function.UnaryOperator;

/**
 * Layers without parameters that hold a place in an official nn.Sequential (so later indices match the
 * state_dict): nearest upsampling, reflection padding, average pooling, global average pooling. All are linear, so
 * the tangent is the same operation applied to the direction.
 */
public final class Parameterless extends FunitBlock implements Tangent {
  private final UnaryOperator<NDArray> op;

  private Parameterless(UnaryOperator<NDArray> op) {
    this.op = op;
  }

  public static Parameterless upsampleNearest2x() {
    return new Parameterless(Ops::upsampleNearest2x);
  }

  public static Parameterless reflectionPad(int p) {
    return new Parameterless(x -> Ops.reflectPad(x, p));
  }

  /** AvgPool2d(k, stride s), no padding, as PyTorch's defaults. */
  public static Parameterless avgPool(int kernel, int stride) {
    return new Parameterless(x -> Pool.avgPool2d(x, new Shape(kernel, kernel), new Shape(stride, stride),
        new Shape(0, 0), false, true));
  }

  /** AdaptiveAvgPool2d(1). */
  public static Parameterless globalAvgPool() {
    return new Parameterless(Ops::spatialMean);
  }

  @Override
  public NDArray[] tangent(ParameterStore store, NDArray x, NDArray xDot, boolean training) {
    return new NDArray[] {op.apply(x), op.apply(xDot)};
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    return new NDList(op.apply(inputs.singletonOrThrow()));
  }
}
