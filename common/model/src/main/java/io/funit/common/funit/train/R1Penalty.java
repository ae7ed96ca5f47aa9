package io.funit.common.funit.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.funit.common.funit.config.LossConfig;
import io.funit.common.funit.model.MultiTaskPatchDiscriminator;
import io.funit.common.funit.model.Ops;

/**
 * The zero-centred R1 penalty on real images (spec §3.1 step 3): g = ∂mean(D(xb))/∂xb, reg = Σ g² / B, weighted by
 * r1_w in the discriminator loss. Two ways to get its parameter gradient ({@link io.funit.common.funit.config.R1Method}).
 */
final class R1Penalty {
  private R1Penalty() {}

  /** reg from g: Σ g² / B, times (B/chunk)² when computed per chunk as the authors' 8-GPU run did (spec G6). */
  static NDArray value(NDArray g, int chunk) {
    long batch = g.getShape().get(0);
    NDArray reg = Ops.scale(g.square().sum(), 1.0 / batch);
    return chunk > 0 && chunk < batch ? Ops.scale(reg, Math.pow((double) batch / chunk, 2)) : reg;
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
   * g without a graph, from a forward and a plain backward of mean(D(xb)) of their own, with D's parameters frozen:
   * libtorch then computes input gradients only. Taking g from the loss's graph instead (D on real and fake images
   * together) cost a second full backward, weight gradients and the fake half included, that the loss's backward
   * then had to cancel: a font-64 iteration executed 293 GFLOP that way and 272 this way, and takes 7–10% less time.
   */
  static NDArray inputGradient(MultiTaskPatchDiscriminator dis, ParameterStore store, NDArray realImages,
      NDArray labels) {
    NDArray x = realImages.duplicate();
    x.setRequiresGradient(true);
    try {
      Gradients.freeze(dis, true);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        collector.backward(dis.forward(store, new NDList(x, labels), true).get(0).mean());
      }
    } finally {
      Gradients.freeze(dis, false);
    }
    return x.getGradient();
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
      collector.backward(Ops.scale(out[1].mean(), coefficient));
    }
  }
}
