package io.funit.common.funit.train;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The zero-centred R1 penalty on real images (spec §3.1 step 3): g = ∂mean(D(xb))/∂xb with a graph (so the
 * penalty itself can be differentiated), reg = Σ g² / B.
 *
 * <p>DJL's public API has no torch.autograd.grad; the engine's create-graph backward is used instead (spec G9).
 * Unlike autograd.grad it also adds ∂mean(D(xb))/∂θ into the discriminator's parameter gradients, a term that is
 * not in the official loss. {@link #strayTerm()} returns mean(D(xb)) so the caller can subtract it from the loss
 * it backpropagates next, which cancels that term exactly.
 */
public final class R1Penalty {
  private final NDArray penalty;
  private final NDArray strayTerm;

  private R1Penalty(NDArray penalty, NDArray strayTerm) {
    this.penalty = penalty;
    this.strayTerm = strayTerm;
  }

  /**
   * @param realOut D's selected patch maps for the real images, (B,h,w), computed from {@code realImages}
   * @param realImages the images, with requiresGradient set before D was run on them
   * @param chunk samples per chunk for the per-GPU scaling of the authors' 8-GPU run (spec G6); 0 for the whole batch
   */
  public static R1Penalty of(NDArray realOut, NDArray realImages, int chunk) {
    long batch = realImages.getShape().get(0);
    NDArray meanOut = realOut.mean();
    try (NDArray seed = meanOut.onesLike()) {
      JniUtils.backward((PtNDArray) meanOut, (PtNDArray) seed, true, true);
    }
    NDArray g = realImages.getGradient();
    NDArray reg = g.square().sum().div(batch);
    if (chunk > 0 && chunk < batch) {
      // per-chunk mean(D) scales g by B/chunk; averaging chunk penalties gives the full-batch one × (B/chunk)²
      double scale = Math.pow((double) batch / chunk, 2);
      reg = reg.mul((float) scale);
    }
    return new R1Penalty(reg, meanOut);
  }

  /** Σ g² / B (scaled per chunk), differentiable w.r.t. the discriminator's parameters. */
  public NDArray penalty() {
    return penalty;
  }

  /** mean(D(xb)): subtract it once from the next backpropagated loss. */
  public NDArray strayTerm() {
    return strayTerm;
  }
}
