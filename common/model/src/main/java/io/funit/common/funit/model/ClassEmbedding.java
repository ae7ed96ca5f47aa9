package io.funit.common.funit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * nn.Embedding: one learned row (numClasses, dim) per class. Input: labels (B) as int64; output: their rows (B, dim),
 * selected by a one-hot product so that only the labels' rows get a gradient.
 */
public final class ClassEmbedding extends FunitBlock {
  private final Parameter weight;
  private final int numClasses;

  public ClassEmbedding(int numClasses, int dim) {
    this.numClasses = numClasses;
    this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(numClasses, dim)).build());
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray labels = inputs.singletonOrThrow();
    NDArray w = store.getValue(weight, labels.getDevice(), training);
    try (NDArray oneHot = labels.oneHot(numClasses).toType(w.getDataType(), false)) {
      return new NDList(oneHot.matMul(w));
    }
  }
}
