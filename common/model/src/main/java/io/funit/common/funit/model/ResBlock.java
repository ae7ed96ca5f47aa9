package io.funit.common.funit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * y = x + conv(norm, ReLU) → conv(norm) (spec §1.1), no activation after the sum. With AdaIN the input is
 * {@code (x, params (B, 4·dim))} laid out as [bias₁ | weight₁ | bias₂ | weight₂] (spec §1.6).
 */
public final class ResBlock extends FunitBlock {
  private final IndexedSequence model;
  private final Norm norm;
  private final int dim;

  public ResBlock(int dim, Norm norm) {
    this.dim = dim;
    this.norm = norm;
    this.model = addChildBlock("model", new IndexedSequence()
        .add(new Conv2dBlock(dim, dim, 3, 1, 1, norm, Nonlinearity.RELU, Padding.REFLECT))
        .add(new Conv2dBlock(dim, dim, 3, 1, 1, norm, Nonlinearity.NONE, Padding.REFLECT)));
  }

  /** AdaIN parameters this block consumes per sample. */
  public int adainParams() {
    return norm == Norm.ADAIN ? 4 * dim : 0;
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    return Intermediates.freedAfter(inputs, () -> run(store, inputs, training));
  }

  private NDList run(ParameterStore store, NDList inputs, boolean training) {
    NDArray x = inputs.get(0);
    NDArray y;
    if (norm == Norm.ADAIN) {
      NDArray p = inputs.get(1);
      y = model.get(0).forward(store, new NDList(x, slice(p, 1), slice(p, 0)), training).singletonOrThrow();
      y = model.get(1).forward(store, new NDList(y, slice(p, 3), slice(p, 2)), training).singletonOrThrow();
    } else {
      y = model.forward(store, new NDList(x), training).singletonOrThrow();
    }
    return new NDList(x.add(y));
  }

  private NDArray slice(NDArray params, int part) {
    return params.get(":, " + (part * dim) + ":" + ((part + 1) * dim));
  }
}
