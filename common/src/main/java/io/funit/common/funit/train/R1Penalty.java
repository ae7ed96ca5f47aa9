package io.funit.common.funit.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.funit.common.funit.config.LossConfig;
import io.funit.common.funit.model.MultiTaskPatchDiscriminator;

/**
 * The zero-centred R1 penalty on real images (spec §3.1 step 3): g = ∂mean(D(xb))/∂xb, reg = Σ g² / B, weighted by
 * r1_w in the discriminator loss. Two ways to get its parameter gradient ({@link io.funit.common.funit.config.R1Method}).
 */
final class R1Penalty {
  private R1Penalty() {}

  /** reg from g: Σ g² / B, times (B/chunk)² when computed per chunk as the authors' 8-GPU run did (spec G6). */
  static NDArray value(NDArray g, int chunk) {
    long batch = g.getShape().get(0);
    NDArray reg = g.square().sum().div(batch);
    return chunk > 0 && chunk < batch ? reg.mul((float) Math.pow((double) batch / chunk, 2)) : reg;
  }

  static double scale(long batch, int chunk) {
    return chunk > 0 && chunk < batch ? Math.pow((double) batch / chunk, 2) : 1;
  }

  /**
   * Double backward: a create-graph backward of mean(D(xb)) gives g with a graph. Unlike torch.autograd.grad it also
   * adds ∂mean(D(xb))/∂θ into D's gradients; the returned loss term therefore subtracts mean(D(xb)) once, which
   * cancels it. Backpropagate {@code r1_w·reg − mean(D(xb))} together with the rest of the loss.
   */
  static NDArray[] doubleBackward(NDArray realOut, NDArray realImages, int chunk) {
    NDArray meanOut = realOut.mean();
    try (NDArray seed = meanOut.onesLike()) {
      JniUtils.backward((PtNDArray) meanOut, (PtNDArray) seed, true, true);
    }
    return new NDArray[] {value(realImages.getGradient(), chunk), meanOut};
  }

  /**
   * g without a graph: a plain backward of mean(D(xb)) that keeps the graph for the caller's loss. It adds
   * ∂mean(D(xb))/∂θ to D's gradients, so the caller backpropagates its loss minus mean(D(xb)) afterwards.
   */
  static NDArray inputGradient(NDArray realOut, NDArray realImages) {
    NDArray meanOut = realOut.mean();
    try (NDArray seed = meanOut.onesLike()) {
      JniUtils.backward((PtNDArray) meanOut, (PtNDArray) seed, true, false);
    }
    // a copy: the caller's next backward adds to the input's gradient again
    return realImages.getGradient().duplicate();
  }

  /**
   * Adds r1_w·∇θ reg to D's gradients in forward mode (see R1Method.TANGENT): ∇θ reg = (scale/B)·2·∇θ(ġ) with
   * ġ = ∇x mean(D(x))·g, the mean of D's tangent output along g.
   */
  static void addTangentGradient(MultiTaskPatchDiscriminator dis, ParameterStore store, NDArray xb, NDArray lb,
      NDArray g, LossConfig loss) {
    long batch = xb.getShape().get(0);
    double coefficient = loss.r1W() * scale(batch, loss.r1Chunk()) * 2.0 / batch;
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray[] out = dis.selectedTangent(store, xb, g, lb, true);
      collector.backward(out[1].mean().mul((float) coefficient));
    }
  }
}
