package io.funit.common.dataset.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.funit.common.funit.train.TrainingBatch;

/**
 * One iteration's batch in host memory: content images and labels (xa, la), class images and labels (xb, lb),
 * images (B, 3, S, S) in [−1, 1] flattened, the paired targets when the sampler draws them (else null), and the
 * further class images of each position, (B, K − 1, 3, S, S), when it draws K &gt; 1 (else null). Made on the prefetch
 * thread; turned into arrays on the training thread.
 */
public record HostBatch(long iteration, int batchSize, int size, float[] xa, long[] la, float[] xb, long[] lb,
    float[] target, float[] classShots) {
  public HostBatch(long iteration, int batchSize, int size, float[] xa, long[] la, float[] xb, long[] lb) {
    this(iteration, batchSize, size, xa, la, xb, lb, null);
  }

  public HostBatch(long iteration, int batchSize, int size, float[] xa, long[] la, float[] xb, long[] lb,
      float[] target) {
    this(iteration, batchSize, size, xa, la, xb, lb, target, null);
  }

  /** The batch as arrays of {@code manager}, which the caller closes. */
  public TrainingBatch toTrainingBatch(NDManager manager) {
    Shape images = new Shape(batchSize, 3, size, size);
    NDArray shots = null;
    if (classShots != null) {
      long further = classShots.length / images.size(); // K − 1 per sample
      shots = manager.create(classShots, new Shape(batchSize, further, 3, size, size));
    }
    return new TrainingBatch(manager.create(xa, images), manager.create(la), manager.create(xb, images),
        manager.create(lb), target == null ? null : manager.create(target, images), shots);
  }
}
