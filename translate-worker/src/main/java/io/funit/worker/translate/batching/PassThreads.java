package io.funit.worker.translate.batching;

import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's threads for each forward pass on a CPU: one for a small pass, PyTorch's own count (one per core) for a
 * larger one. A worker shares its cores with the gateway, the broker and the S3 server, and a pass split over every
 * core waits at each barrier for whichever thread they preempted: with two threads a lone translation's pass took
 * 37.6 ms in the stack against 17.1 ms alone, with one 25.2 ms, while passes of eight images were faster on two
 * (./funit bench serve, docs/benchmarks.md "Serving"). Batcher thread only: PyTorch's setting belongs to the thread
 * that starts a pass.
 */
final class PassThreads {
  private final int oneThreadUpTo;
  /** PyTorch's own count, read on the batcher thread before the first change; 0 until then. */
  private int engineThreads;
  private int current;

  /** @param oneThreadUpTo passes of at most this many images run on one thread; 0: every pass on PyTorch's count */
  PassThreads(int oneThreadUpTo) {
    this.oneThreadUpTo = oneThreadUpTo;
  }

  /** Sets the threads for a pass of {@code images} content images. */
  void beforePass(int images) {
    if (oneThreadUpTo <= 0) {
      return;
    }
    if (engineThreads == 0) {
      engineThreads = JniUtils.getNumThreads();
      current = engineThreads;
    }
    int wanted = threadsFor(images, oneThreadUpTo, engineThreads);
    if (wanted != current) {
      JniUtils.setNumThreads(wanted);
      current = wanted;
    }
  }

  static int threadsFor(int images, int oneThreadUpTo, int engineThreads) {
    return images <= oneThreadUpTo ? 1 : engineThreads;
  }
}
