package io.funit.common.funit.model;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the FLOPs that convolutions and linear layers execute (2 per multiply-add): the forward pass, plus, when
 * autograd records it, one more pass for the input gradient if the input is in the graph and one for the weight
 * gradient if the weight needs one. Off unless a benchmark turns it on. A graph backpropagated twice is counted
 * once, so the count is a lower bound (only R1Method.DOUBLE_BACKWARD does that). Checked against libtorch's profiler
 * (docs/benchmarks.md): the gradients a font-64 iteration's convolutions compute, as the trace shows them, equal the
 * count.
 */
public final class FlopCounter {
  private static volatile boolean enabled;
  private static final LongAdder TOTAL = new LongAdder();
  private static final LongAdder FORWARD = new LongAdder();

  private FlopCounter() {}

  /** Starts counting from zero. */
  public static void start() {
    TOTAL.reset();
    FORWARD.reset();
    enabled = true;
  }

  public static void stop() {
    enabled = false;
  }

  /** FLOPs executed since {@link #start()}, forward and backward. */
  public static long total() {
    return TOTAL.sum();
  }

  /** The forward passes' share of {@link #total()}; the rest is gradient passes. */
  public static long forward() {
    return FORWARD.sum();
  }

  static void add(long multiplyAdds, NDArray input, NDArray weight) {
    if (!enabled) {
      return;
    }
    long passes = 1;
    if (JniUtils.isGradMode()) {
      passes += inGraph((PtNDArray) input) ? 1 : 0;
      passes += inGraph((PtNDArray) weight) ? 1 : 0;
    }
    TOTAL.add(2 * multiplyAdds * passes);
    FORWARD.add(2 * multiplyAdds);
  }

  /**
   * Whether autograd will compute a gradient for this tensor: a leaf that requires one, or any tensor an op in the
   * graph produced. DJL 0.25's requiresGrad reads false for the latter (every activation: the count missed a third
   * of the FLOPs), and asking a tensor without a grad_fn for its name crashes the JVM, so the test uses libtorch's
   * refusal to clear requires_grad on a non-leaf. The refusal is an exception on both sides of the JNI, about 15 µs:
   * counted iterations are a little slower, which is why the timed ones run with the counter off.
   */
  private static boolean inGraph(PtNDArray x) {
    if (JniUtils.requiresGrad(x)) {
      return true;
    }
    try {
      JniUtils.attachGradient(x, false);   // a no-op on a leaf that needs no gradient, refused on any other tensor
      return false;
    } catch (EngineException nonLeaf) {
      return true;
    }
  }
}
