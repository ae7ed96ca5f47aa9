package io.funit.common.dataset;

import io.funit.common.contract.InvalidRequestException;
import io.funit.common.eval.ShotSets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The training set of StarGAN-Unfair-K (the FUNIT paper's Table 1): a dataset's classes unchanged, plus one extra
 * training class per held-out class holding exactly its K-set ({@link ShotSets}), the K images an evaluation with
 * fixed shot sets (same seed) then gives as that class's examples. The held-out classes stay held out, so the
 * evaluation still runs on them; only the baseline has seen their K images.
 */
public final class UnfairSets {
  private UnfairSets() {}

  /**
   * One extra training class.
   *
   * @param added the class as the new dataset lists it
   * @param from the held-out class of the base it copies
   * @param images the copied images' indices in {@code from}, in K-set order
   */
  public record Extra(DatasetClass added, DatasetClass from, int[] images) {}

  /** The K-sets of every held-out class of {@code base} exist. */
  public static void check(DatasetManifest base, int k) {
    List<DatasetClass> heldOut = base.split(DatasetManifest.SPLIT_TEST);
    if (heldOut.isEmpty()) {
      throw new InvalidRequestException("base", "dataset " + base.id() + " has no held-out classes");
    }
    for (DatasetClass c : heldOut) {
      if (k > ShotSets.maxK(base, c)) {
        throw new InvalidRequestException("k", "held-out class '" + c.name() + "' of " + base.id() + " can give a"
            + " set of at most " + ShotSets.maxK(base, c) + " images, not " + k);
      }
    }
  }

  /** The name of a held-out class's copy: its own, marked, so both appear in a model card's lists. */
  public static String name(DatasetClass heldOut, int k) {
    return heldOut.name() + " [K-set " + k + "]";
  }

  /** The extra classes, indexed after every class of {@code base}, in the order of its held-out classes. */
  public static List<Extra> plan(DatasetManifest base, int k, long seed) {
    check(base, k);
    List<Extra> extras = new ArrayList<>();
    int index = base.classes().size();
    for (DatasetClass from : base.split(DatasetManifest.SPLIT_TEST)) {
      int[] images = ShotSets.of(from, seed, k);
      List<String> names = Arrays.stream(images).mapToObj(i -> from.imageNames().get(i)).toList();
      DatasetClass added = new DatasetClass(index, name(from, k), DatasetManifest.SPLIT_TRAIN, k,
          DatasetClass.shardPath(index), names, from.source());
      extras.add(new Extra(added, from, images));
      index++;
    }
    return extras;
  }
}
