package io.funit.common.funit.train;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns PyTorch's (thread-local) grad mode off for in-place parameter updates and restores it after. A
 * GradientCollector restores whatever mode its thread had before it, so a job thread's mode depends on what ran on
 * it earlier; an in-place update of a parameter that requires grad fails when the mode happens to be on.
 */
public final class NoGrad implements AutoCloseable {
  private final boolean previous;

  public NoGrad() {
    previous = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
  }

  @Override
  public void close() {
    JniUtils.setGradMode(previous);
  }
}
