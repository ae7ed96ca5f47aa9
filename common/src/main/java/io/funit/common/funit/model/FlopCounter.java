package io.funit.common.funit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the FLOPs that convolutions and linear layers execute (2 per multiply-add): the forward pass, plus, when
 * autograd records it, one more pass for the input gradient if the input needs one and one for the weight
 * gradient if the weight needs one. Off unless a benchmark turns it on. A graph backpropagated twice is counted
 * once, so the count is a lower bound.
 */
public final class FlopCounter {
  private static volatile boolean enabled;
  private static final LongAdder TOTAL = new LongAdder();

  private FlopCounter() {}

  /** Starts counting from zero. */
  public static void start() {
    TOTAL.reset();
    enabled = true;
  }

  public static void stop() {
    enabled = false;
  }

  /** FLOPs executed since {@link #start()}, forward and backward. */
  public static long total() {
    return TOTAL.sum();
  }

  static void add(long multiplyAdds, NDArray input, NDArray weight) {
    if (!enabled) {
      return;
    }
    long passes = 1;
    if (JniUtils.isGradMode()) {
      passes += JniUtils.requiresGrad((PtNDArray) input) ? 1 : 0;
      passes += JniUtils.requiresGrad((PtNDArray) weight) ? 1 : 0;
    }
    TOTAL.add(2 * multiplyAdds * passes);
  }
}
