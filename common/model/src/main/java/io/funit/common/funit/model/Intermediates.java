package io.funit.common.funit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import java.util.function.Supplier;

/**
 * Frees a block's intermediate arrays when its forward returns. PyTorch frees an intermediate as soon as nothing
 * refers to it; DJL keeps every array until its manager closes, so a pass of 64 K = 5 translations held every
 * activation of every layer at once, and a training step every activation of its three discriminator passes.
 *
 * <p>Closing an array closes only DJL's handle on the tensor. When a graph is being recorded, autograd holds its own
 * reference to every tensor a backward needs (its saved variables), so those stay alive until the backward has run
 * and the rest (an activation's input that only the next convolution's padded copy is saved of, a norm's output…)
 * is freed at once, as in PyTorch. Nothing reads an intermediate's gradient: the trainer asks for gradients of
 * parameters and of its own inputs only.
 */
public final class Intermediates {
  private Intermediates() {}

  /** Runs {@code body}; every array it made except its outputs is closed on return. */
  static NDList freedAfter(NDList inputs, Supplier<NDList> body) {
    NDList out;
    try (NDScope scope = new NDScope()) {
      out = body.get();
      NDScope.unregister(out);
    }
    for (NDArray array : out) {
      if (!contains(inputs, array)) {
        NDScope.register(array); // the caller's scope, if it has one, owns the outputs as it owns anything it made
      }
    }
    return out;
  }

  /**
   * Runs {@code body}; every array it made except the one it returns is closed on return: for a step that needs one
   * result of a pass with a graph (the R1 penalty's input gradient) and none of the pass's activations.
   */
  public static NDArray freedAfter(Supplier<NDArray> body) {
    return freedAfter(new NDList(), () -> new NDList(body.get())).singletonOrThrow();
  }

  /** {@link #freedAfter(NDList, Supplier)} for a tangent: inputs {@code [x, ẋ]}, outputs {@code [y, ẏ]}. */
  static NDArray[] freedAfter(NDArray[] inputs, Supplier<NDArray[]> body) {
    return freedAfter(new NDList(inputs), () -> new NDList(body.get())).toArray(new NDArray[0]);
  }

  /**
   * Closes what {@code done} holds that neither {@code next} nor the caller's {@code inputs} do: a sequence's
   * previous output, once the next child consumed it (a child may pass an input such as AdaIN parameters along).
   */
  static void closeConsumed(NDList done, NDList next, NDList inputs) {
    for (NDArray array : done) {
      if (!contains(next, array) && !contains(inputs, array)) {
        array.close();
      }
    }
  }

  private static boolean contains(NDList list, NDArray array) {
    for (NDArray candidate : list) {
      if (candidate == array) {
        return true;
      }
    }
    return false;
  }
}
