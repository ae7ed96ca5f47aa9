package io.funit.common.stargan.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.funit.common.funit.train.NoGrad;

/**
 * The training domains' mean features (D, C), by which StarGAN-Fair-K turns K images of a class it never saw into a
 * domain vector: the softmax over the cosine similarities between the K images' mean feature and each domain's
 * (FUNIT paper §5, spec §6). The paper takes VGG conv5 features of an ImageNet model; none exists here, so the
 * features are the StarGAN discriminator's own trunk, which learnt them classifying the training domains only, so
 * the held-out classes stay unseen.
 *
 * <p>A domain's mean is kept while training as a running mean over the real images the discriminator steps see
 * (a domain's first image sets it, each later one moves it by {@link #RATE}), so it follows the trunk as it changes
 * without a pass over the dataset.
 */
public final class ClassPrototypes {
  /** How far one new image moves its domain's mean. */
  static final float RATE = 0.1f;

  private final NDArray means;
  private final long[] counts;

  /** Zero means, none seen, in {@code manager}. */
  public ClassPrototypes(NDManager manager, int domains, int channels) {
    this(manager.zeros(new Shape(domains, channels)), new long[domains]);
  }

  /** Restored means (D, C) and the images each has seen. */
  public ClassPrototypes(NDArray means, long[] counts) {
    if (means.getShape().get(0) != counts.length) {
      throw new IllegalArgumentException("prototypes: " + means.getShape() + " means for " + counts.length + " counts");
    }
    this.means = means;
    this.counts = counts;
  }

  public NDArray means() {
    return means;
  }

  public long[] counts() {
    return counts.clone();
  }

  /** Sets the image counts, as a checkpoint or model file saved them. */
  public void restoreCounts(long[] saved) {
    if (saved.length != counts.length) {
      throw new IllegalArgumentException("prototypes: " + saved.length + " counts for " + counts.length + " domains");
    }
    System.arraycopy(saved, 0, counts, 0, counts.length);
  }

  /** Moves the labels' means towards their images' features (B, C); no gradient. */
  public void update(NDArray labels, NDArray features) {
    long[] l = labels.toLongArray();
    try (NoGrad noGrad = new NoGrad()) {
      for (int i = 0; i < l.length; i++) {
        int d = (int) l[i];
        NDIndex row = new NDIndex(d);
        try (NDArray feature = features.get(i); NDArray old = means.get(row);
            NDArray mixed = counts[d] == 0 ? feature.duplicate() : old.mul(1 - RATE).add(feature.mul(RATE))) {
          means.set(row, mixed);
        }
        counts[d]++;
      }
    }
  }

  /**
   * Domain vectors (B, D) for class features (B, C), each row a K-shot mean feature: the softmax over the cosine
   * similarities to the domains' means ({@code nearest} false, StarGAN-Fair-K as the paper defines it), or the
   * one-hot of the most similar domain ({@code nearest} true: StarGAN-Unfair-K, whose target class is a training
   * domain made of the very images it is given).
   */
  public NDArray domainVectors(NDArray classFeatures, boolean nearest) {
    NDArray similarity = unit(classFeatures).matMul(unit(means).transpose());
    return nearest ? similarity.argMax(1).oneHot((int) means.getShape().get(0)).toType(DataType.FLOAT32, false)
        : similarity.softmax(1);
  }

  /** Rows scaled to unit length; a zero row (a domain not seen yet) stays zero: similarity 0 to everything. */
  private static NDArray unit(NDArray rows) {
    return rows.div(rows.square().sum(new int[] {1}, true).sqrt().maximum(1e-12f));
  }
}
