package io.funit.common.eval;

import io.funit.common.dataset.DatasetClass;
import io.funit.common.dataset.DatasetManifest;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One fixed set of class images per held-out class and K, as the FUNIT paper's StarGAN-Unfair-K needs: "the K images
 * per target class that the evaluation then draws" are added to that baseline's training set, so an evaluation with
 * {@code shot_sets: fixed} gives every translation of a class the same K images, and an {@code unfair} dataset
 * ({@code DatasetRequest}) adds exactly those. The sets are nested (the K = 1 set is the first image of the K = 5
 * set, and so on) and a pure function of the class and the seed, so both sides compute them alone.
 *
 * <p>A class's images are taken from its first {@link #POOL} (the images an evaluation loads of a class at most). For
 * fonts an image is a character; an evaluation then draws its content characters outside the largest set, so a
 * class image is never the glyph a translation is scored against.
 */
public final class ShotSets {
  /** Images of a class the sets are drawn from: the first ones, as many as an evaluation loads. */
  public static final int POOL = EvalOptions.DEFAULT.maxImagesPerClass();
  /** Separates these draws from the per-draw ones of the same seed. */
  private static final long SALT = 0x5EED5E75L;

  private ShotSets() {}

  /** The images of {@code c} that K-sets may use: its first {@link #POOL}. */
  public static int pool(DatasetClass c) {
    return Math.min(c.images(), POOL);
  }

  /**
   * The largest K whose set {@code c} can give: every pooled image, or for fonts one fewer (a content character
   * must stay outside the set).
   */
  public static int maxK(DatasetManifest dataset, DatasetClass c) {
    return pool(c) - (DatasetManifest.KIND_FONTS.equals(dataset.kind()) ? 1 : 0);
  }

  /** The image indices of {@code c}'s K-set for {@code k}, in the order they joined (the (K−1)-set first). */
  public static int[] of(DatasetClass c, long seed, int k) {
    if (k < 1 || k > pool(c)) {
      throw new IllegalArgumentException("class " + c.name() + " has " + pool(c) + " images for its sets, not " + k);
    }
    return Arrays.copyOf(order(c, seed), k);
  }

  /** Every pooled image of {@code c}, in the order it joins the sets: a seeded shuffle. */
  public static int[] order(DatasetClass c, long seed) {
    int[] order = java.util.stream.IntStream.range(0, pool(c)).toArray();
    SplittableRandom random = new SplittableRandom((seed ^ SALT) * 1_000_003L + c.index());
    for (int i = order.length - 1; i > 0; i--) { // Fisher–Yates
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
