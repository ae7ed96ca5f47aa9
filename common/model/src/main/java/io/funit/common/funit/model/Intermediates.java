package io.funit.common.funit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Supplier;

/**
 * Frees a block's intermediate arrays when its forward returns, if no autograd graph is being recorded (inference:
 * translation, evaluation, the D step's translation under no-grad). PyTorch frees an intermediate as soon as nothing
 * refers to it; DJL keeps every array until its manager closes, so a pass of 64 K = 5 translations held every
 * activation of every layer at once. With a graph (training) the graph needs them: nothing is freed.
 */
final class Intermediates {
  private Intermediates() {}

  /** Runs {@code body}; without grad mode, every array it made except its outputs is closed on return. */
  static NDList freedAfter(NDList inputs, Supplier<NDList> body) {
    if (JniUtils.isGradMode()) {
      return body.get();
    }
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
   * Closes what {@code done} holds that neither {@code next} nor the caller's {@code inputs} do: a sequence's
   * previous output, once the next child consumed it (a child may pass an input such as AdaIN parameters along).
   */
  static void closeConsumed(NDList done, NDList next, NDList inputs) {
    if (JniUtils.isGradMode()) {
      return;
    }
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
