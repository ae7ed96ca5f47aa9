package io.funit.common.funit.train;

import ai.djl.ndarray.NDArray;

/**
 * One iteration's data (spec §4): content images and labels (xa, la) and class images and labels (xb, lb), drawn
 * independently and paired by position; images (B,3,H,W) in [−1, 1], labels (B) int64. {@code target}, only for
 * the paired glyph loss ({@link io.funit.common.funit.config.LossConfig#pairedW}), holds at each position the class's
 * own image of the content's character; null otherwise. {@code classShots}, only when training with K &gt; 1 class
 * images per sample ({@link io.funit.common.funit.config.FunitConfig#classShots}), holds each position's K − 1
 * further images of its class, (B, K − 1, 3, H, W); null otherwise.
 */
public record TrainingBatch(NDArray xa, NDArray la, NDArray xb, NDArray lb, NDArray target, NDArray classShots) {
  /** A batch of the official objective, without paired targets. */
  public TrainingBatch(NDArray xa, NDArray la, NDArray xb, NDArray lb) {
    this(xa, la, xb, lb, null);
  }

  /** A batch with one class image per sample. */
  public TrainingBatch(NDArray xa, NDArray la, NDArray xb, NDArray lb, NDArray target) {
    this(xa, la, xb, lb, target, null);
  }

  public int size() {
    return (int) xa.getShape().get(0);
  }
}
