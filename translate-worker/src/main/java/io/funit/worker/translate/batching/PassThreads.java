package io.funit.worker.translate.batching;

import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's threads for each forward pass of one lane on a CPU: one for a small pass, the lane's share of PyTorch's
 * own count (one per core) for a larger one. A worker shares its cores with the gateway, the broker and the S3
 * server, and a pass split over every core waits at each barrier for whichever thread they preempted: with two
 * threads a lone translation's pass took 37.6 ms in the stack against 17.1 ms alone, with one 25.2 ms, while passes
 * of eight images were faster on two (./funit bench serve, docs/benchmarks.md "Serving"). With two lanes each pass
 * runs on one thread and the two passes overlap instead (see {@link BatchingSettings#CPU_LANES}). PyTorch's setting
 * belongs to the thread that starts a pass: one instance per lane, used on its thread only.
 */
final class PassThreads {
  /** PyTorch's own count, read once per process before any lane changes it; 0 until then. */
  private static int engineThreads;

  private final int oneThreadUpTo;
  private final int lanes;
  private final java.util.function.IntSupplier engineCount;
  private final java.util.function.IntConsumer setThreads;
  /** The count this lane's thread set last; 0 before its first pass, whose count is always set. */
  private int current;

  /**
   * @param oneThreadUpTo passes of at most this many images run on one thread; 0: every pass on the lane's share
   * @param lanes the lanes that share the engine's threads
   */
  PassThreads(int oneThreadUpTo, int lanes) {
    this(oneThreadUpTo, lanes, PassThreads::engineThreads, JniUtils::setNumThreads);
  }

  /** As above, with the engine's count and the calling thread's setter given (tests). */
  PassThreads(int oneThreadUpTo, int lanes, java.util.function.IntSupplier engineCount,
      java.util.function.IntConsumer setThreads) {
    this.oneThreadUpTo = oneThreadUpTo;
    this.lanes = lanes;
    this.engineCount = engineCount;
    this.setThreads = setThreads;
  }

  /** Sets the threads for a pass of {@code images} content images that shares the cores with other lanes. */
  void beforePass(int images) {
    beforePass(images, false);
  }

  /**
   * Sets the threads for a pass of {@code images} content images; {@code alone}: a pass no other lane runs beside,
   * on all of PyTorch's threads (the lone passes' own thread, {@link LonePasses}).
   */
  void beforePass(int images, boolean alone) {
    if (oneThreadUpTo <= 0 && lanes == 1) {
      return; // PyTorch's own count for every pass: nothing to change
    }
    int wanted = alone ? engineCount.getAsInt() : threadsFor(images, oneThreadUpTo, engineCount.getAsInt(), lanes);
    if (wanted != current) {
      setThreads.accept(wanted);
      current = wanted;
    }
  }

  /**
   * PyTorch gives a thread that has not set its count the last count any thread set, so the engine's own is read
   * once, before the first change.
   */
  private static synchronized int engineThreads() {
    if (engineThreads == 0) {
      engineThreads = JniUtils.getNumThreads();
    }
    return engineThreads;
  }

  static int threadsFor(int images, int oneThreadUpTo, int engineThreads, int lanes) {
    return images <= oneThreadUpTo ? 1 : Math.max(1, engineThreads / lanes);
  }
}
