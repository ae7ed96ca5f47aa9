package io.funit.common.funit.model;

import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** FUNIT's LinearBlock: Linear ({@code fc}) → activation (the MLP uses no norm). */
public final class LinearBlock extends FunitBlock {
  private final DenseLayer fc;
  private final Nonlinearity activation;

  public LinearBlock(int in, int out, Nonlinearity activation) {
    this.fc = addChildBlock("fc", new DenseLayer(in, out));
    this.activation = activation;
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    return new NDList(activation.apply(fc.forward(store, inputs, training).singletonOrThrow()));
  }
}
