package io.funit.common.dataset.sampler;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.funit.common.funit.train.TrainingBatch;

/**
 * One iteration's batch in host memory: content images and labels (xa, la), class images and labels (xb, lb),
 * images (B, 3, S, S) in [−1, 1] flattened, and the paired targets when the sampler draws them (else null). Made on
 * the prefetch thread; turned into arrays on the training thread.
 */
public record HostBatch(long iteration, int batchSize, int size, float[] xa, long[] la, float[] xb, long[] lb,
    float[] target) {
  public HostBatch(long iteration, int batchSize, int size, float[] xa, long[] la, float[] xb, long[] lb) {
    this(iteration, batchSize, size, xa, la, xb, lb, null);
  }

  /** The batch as arrays of {@code manager}, which the caller closes. */
  public TrainingBatch toTrainingBatch(NDManager manager) {
    Shape images = new Shape(batchSize, 3, size, size);
    return new TrainingBatch(manager.create(xa, images), manager.create(la), manager.create(xb, images),
        manager.create(lb), target == null ? null : manager.create(target, images));
  }
}
