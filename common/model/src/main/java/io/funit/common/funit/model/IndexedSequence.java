package io.funit.common.funit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch's nn.Sequential: children named 0, 1, 2… so that parameter paths read like the official state_dict
 * keys ({@code model.4.model.0...}). Forward runs them in order.
 */
public final class IndexedSequence extends FunitBlock implements Tangent {
  private final List<Block> blocks = new ArrayList<>();

  public IndexedSequence add(Block block) {
    blocks.add(addChildBlock(Integer.toString(blocks.size()), block));
    return this;
  }

  public Block get(int index) {
    return blocks.get(index);
  }

  public int size() {
    return blocks.size();
  }

  /**
   * Runs children {@code from} (inclusive) to the end. Each child's output is freed once the next
   * child has consumed it ({@link Intermediates}); the sequence's own input is the caller's.
   */
  public NDList forwardFrom(int from, ParameterStore store, NDList inputs, boolean training) {
    NDList x = inputs;
    for (int i = from; i < blocks.size(); i++) {
      NDList next = blocks.get(i).forward(store, x, training);
      if (x != inputs) {
        Intermediates.closeConsumed(x, next, inputs);
      }
      x = next;
    }
    return x;
  }

  /** Chains the children's tangents; every child must implement {@link Tangent}. */
  @Override
  public NDArray[] tangent(ParameterStore store, NDArray x, NDArray xDot, boolean training) {
    NDList inputs = new NDList(x, xDot);
    NDList state = inputs;
    for (Block block : blocks) {
      NDList next = new NDList(((Tangent) block).tangent(store, state.get(0), state.get(1), training));
      if (state != inputs) {
        Intermediates.closeConsumed(state, next, inputs);
      }
      state = next;
    }
    return state.toArray(new NDArray[0]);
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    return forwardFrom(0, store, inputs, training);
  }
}
