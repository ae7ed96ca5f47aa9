package io.funit.common.dataset.sampler;

import io.funit.common.dataset.DatasetClass;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * K-shot sets for evaluation and translation tests: K distinct images of a class, chosen by seed, optionally
 * excluding some (for fonts, the glyph being predicted, so the ground truth is never among the examples), loaded
 * without augmentation (spec §5: resized to S×S).
 */
public final class KShotSampler {
  private final ClassImageCache images;
  private final Preprocessing preprocessing;

  public KShotSampler(ClassImageCache images, Preprocessing preprocessing) {
    this.images = images;
    this.preprocessing = preprocessing;
  }

  /** {@code k} distinct image indices of {@code c}, none in {@code exclude}. */
  public int[] pick(DatasetClass c, int k, long seed, int... exclude) {
    List<Integer> candidates = new ArrayList<>();
    outer:
    for (int i = 0; i < c.images(); i++) {
      for (int e : exclude) {
        if (e == i) {
          continue outer;
        }
      }
      candidates.add(i);
    }
    if (candidates.size() < k) {
      throw new IllegalArgumentException("class " + c.name() + " has " + candidates.size()
          + " eligible images, fewer than K = " + k);
    }
    SplittableRandom random = new SplittableRandom(FunitSampler.mix(seed, c.index(), k));
    int[] picked = new int[k];
    for (int i = 0; i < k; i++) { // partial Fisher–Yates
      int j = i + random.nextInt(candidates.size() - i);
      Integer t = candidates.get(i);
      candidates.set(i, candidates.get(j));
      candidates.set(j, t);
      picked[i] = candidates.get(i);
    }
    return picked;
  }

  /** The images (K, 3, S, S) flattened, in the order of {@code indices}. */
  public float[] load(DatasetClass c, int[] indices) {
    int stride = 3 * preprocessing.size() * preprocessing.size();
    float[] out = new float[indices.length * stride];
    for (int i = 0; i < indices.length; i++) {
      preprocessing.plain(images.image(c, indices[i]), out, i * stride);
    }
    return out;
  }
}
