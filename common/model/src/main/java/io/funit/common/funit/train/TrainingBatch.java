package io.funit.common.funit.train;

import ai.djl.ndarray.NDArray;

/**
 * One iteration's data (spec §4): content images and labels (xa, la) and class images and labels (xb, lb), drawn
 * independently and paired by position; images (B,3,H,W) in [−1, 1], labels (B) int64. {@code target}, only for
 * the paired glyph loss ({@link io.funit.common.funit.config.LossConfig#pairedW}), holds at each position the class's
 * own image of the content's character; null otherwise.
 */
public record TrainingBatch(NDArray xa, NDArray la, NDArray xb, NDArray lb, NDArray target) {
  /** A batch of the official objective, without paired targets. */
  public TrainingBatch(NDArray xa, NDArray la, NDArray xb, NDArray lb) {
    this(xa, la, xb, lb, null);
  }

  public int size() {
    return (int) xa.getShape().get(0);
  }
}
