package io.funit.common.funit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** n residual blocks in a row; with AdaIN each takes its own consecutive slice of the parameters. */
public final class ResBlocks extends FunitBlock {
  private final IndexedSequence model;
  private final int perBlock;

  public ResBlocks(int count, int dim, Norm norm) {
    IndexedSequence blocks = new IndexedSequence();
    for (int i = 0; i < count; i++) {
      blocks.add(new ResBlock(dim, norm));
    }
    this.model = addChildBlock("model", blocks);
    this.perBlock = ((ResBlock) blocks.get(0)).adainParams();
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    return Intermediates.freedAfter(inputs, () -> run(store, inputs, training));
  }

  private NDList run(ParameterStore store, NDList inputs, boolean training) {
    NDArray x = inputs.get(0);
    for (int i = 0; i < model.size(); i++) {
      NDList in = perBlock == 0 ? new NDList(x)
          : new NDList(x, inputs.get(1).get(":, " + (i * perBlock) + ":" + ((i + 1) * perBlock)));
      x = model.get(i).forward(store, in, training).singletonOrThrow();
    }
    return new NDList(x);
  }
}
