package io.funit.common.funit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** A bare nn.Linear: weight (out,in) and bias. */
public final class DenseLayer extends FunitBlock {
  private final Parameter weight;
  private final Parameter bias;

  public DenseLayer(int in, int out) {
    this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(out, in)).build());
    this.bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
        .optShape(new Shape(out)).build());
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray w = store.getValue(weight, x.getDevice(), training);
    FlopCounter.add(x.getShape().get(0) * weight.getShape().get(0) * weight.getShape().get(1), x, w);
    return Linear.linear(x, w, store.getValue(bias, x.getDevice(), training));
  }
}
