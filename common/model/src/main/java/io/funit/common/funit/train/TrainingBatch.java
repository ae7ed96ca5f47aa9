package io.funit.common.funit.train;

import ai.djl.ndarray.NDArray;

/**
 * One iteration's data (spec §4): content images and labels (xa, la) and class images and labels (xb, lb), drawn
 * independently and paired by position; images (B,3,H,W) in [−1, 1], labels (B) int64.
 */
public record TrainingBatch(NDArray xa, NDArray la, NDArray xb, NDArray lb) {
  public int size() {
    return (int) xa.getShape().get(0);
  }
}
