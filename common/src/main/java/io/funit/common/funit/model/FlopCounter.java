package io.funit.common.funit.model;

import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the multiply-add FLOPs of convolutions and linear layers as they run (2 per multiply-add), split by
 * whether autograd records them (those also cost a backward pass). Off unless a benchmark turns it on.
 */
public final class FlopCounter {
  private static volatile boolean enabled;
  private static final LongAdder RECORDED = new LongAdder();
  private static final LongAdder UNRECORDED = new LongAdder();

  private FlopCounter() {}

  /** Starts counting from zero. */
  public static void start() {
    RECORDED.reset();
    UNRECORDED.reset();
    enabled = true;
  }

  public static void stop() {
    enabled = false;
  }

  /** FLOPs of forward passes recorded for backward (training passes). */
  public static long recorded() {
    return RECORDED.sum();
  }

  /** FLOPs of forward passes run without autograd (e.g. the D step's translation, inference). */
  public static long unrecorded() {
    return UNRECORDED.sum();
  }

  static void add(long multiplyAdds) {
    if (enabled) {
      (JniUtils.isGradMode() ? RECORDED : UNRECORDED).add(2 * multiplyAdds);
    }
  }
}
