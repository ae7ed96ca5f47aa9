package io.funit.common.eval.protocol;

import io.funit.common.dataset.DatasetClass;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.eval.ShotSets;
import io.funit.common.eval.bank.ImageBank;
import io.funit.common.worker.InvalidJobException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What is translated: per held-out class, {@code contents} content images from training classes, and per content
 * image and K, K class images of the held-out class. Every draw is a function of the seed, the class and the
 * content position only, so the same contents are used at every K and every method sees the same images.
 * For fonts the content image is glyph c of a random training font, each of the held-out font's characters at most
 * once, the K class glyphs never include c, and the truth is the held-out font's glyph c (as {@code
 * HeldOutGlyphL1}). For other datasets the content image is a random image of a random training class.
 *
 * <p>With fixed shot sets ({@link ShotSets}: the protocol StarGAN-Unfair-K is trained for) every draw of a class at
 * a K uses the class's one K-set, and a font's content characters are drawn outside its largest set.
 */
public final class Draws {
  private Draws() {}

  /**
   * One translation task.
   *
   * @param contentId the content image (bank id)
   * @param character the content's character index (fonts), else −1
   * @param truthId the true glyph (fonts), else −1
   * @param shots per K (in the order of the evaluated Ks), the K class image ids
   */
  public record Draw(int contentId, int character, int truthId, int[][] shots) {}

  /**
   * @param target the held-out class
   * @param heldOutLabel its position among the held-out classes
   * @param draws its translation tasks
   */
  public record ClassDraws(DatasetClass target, int heldOutLabel, List<Draw> draws) {}

  /** Draws with fresh class images per content image. */
  public static List<ClassDraws> plan(DatasetManifest dataset, ImageBank bank, List<Integer> ks, int contents,
      long seed) {
    return plan(dataset, bank, ks, contents, seed, false);
  }

  /**
   * @param ks ascending
   * @param fixedSets true: one K-set per class and K ({@link ShotSets}), else fresh class images per content image
   */
  public static List<ClassDraws> plan(DatasetManifest dataset, ImageBank bank, List<Integer> ks, int contents,
      long seed, boolean fixedSets) {
    List<DatasetClass> heldOut = dataset.split(DatasetManifest.SPLIT_TEST);
    boolean fonts = DatasetManifest.KIND_FONTS.equals(dataset.kind());
    // a font's content is a given character of a training font: only fonts holding every character can give it
    List<DatasetClass> train = fonts ? dataset.completeFonts(DatasetManifest.SPLIT_TRAIN)
        : dataset.split(DatasetManifest.SPLIT_TRAIN);
    List<ClassDraws> plan = new ArrayList<>();
    for (int h = 0; h < heldOut.size(); h++) {
      DatasetClass target = heldOut.get(h);
      int available = bank.count(target.index()) - (fonts ? 1 : 0);
      if (available < ks.get(ks.size() - 1)) {
        throw new InvalidJobException("held-out class " + target.name() + " has " + available
            + " usable class images, fewer than K = " + ks.get(ks.size() - 1));
      }
      SplittableRandom random = new SplittableRandom(seed * 1_000_003L + target.index());
      int[][] sets = fixedSets ? fixedSets(dataset, bank, target, ks, seed) : null;
      int[] characters = fonts ? characters(dataset.contents().size(), contents, random,
          fixedSets ? sets[sets.length - 1] : new int[0]) : null;
      List<Draw> draws = new ArrayList<>();
      for (int i = 0; i < contents; i++) {
        DatasetClass source = train.get(random.nextInt(train.size()));
        int character = fonts ? characters[i] : -1;
        int content = bank.id(source.index(), fonts ? character : random.nextInt(bank.count(source.index())));
        int[][] shots = new int[ks.size()][];
        for (int j = 0; j < ks.size(); j++) {
          shots[j] = fixedSets ? bankIds(bank, target.index(), sets[j])
              : pick(bank, target.index(), ks.get(j), character, new SplittableRandom(random.nextLong()));
        }
        draws.add(new Draw(content, character, fonts ? bank.id(target.index(), character) : -1, shots));
      }
      plan.add(new ClassDraws(target, h, draws));
    }
    return plan;
  }

  /** Per K, the class's K-set as image indices of the class. */
  private static int[][] fixedSets(DatasetManifest dataset, ImageBank bank, DatasetClass target, List<Integer> ks,
      long seed) {
    int largest = ks.get(ks.size() - 1);
    if (largest > ShotSets.maxK(dataset, target) || ShotSets.pool(target) > bank.count(target.index())) {
      throw new InvalidJobException("held-out class " + target.name() + " cannot give a fixed set of K = " + largest
          + " (" + Math.min(ShotSets.maxK(dataset, target), bank.count(target.index())) + " at most)");
    }
    int[][] sets = new int[ks.size()][];
    for (int j = 0; j < ks.size(); j++) {
      sets[j] = ShotSets.of(target, seed, ks.get(j));
    }
    return sets;
  }

  /**
   * {@code n} distinct characters in random order, none of {@code excluded}; with none excluded exactly
   * {@link #firstOfShuffle}, so the per-draw protocol's draws are unchanged.
   */
  private static int[] characters(int charset, int n, SplittableRandom random, int[] excluded) {
    java.util.Set<Integer> out = java.util.Arrays.stream(excluded).boxed().collect(java.util.stream.Collectors.toSet());
    int[] free = java.util.stream.IntStream.range(0, charset).filter(c -> !out.contains(c)).toArray();
    if (n > free.length) {
      throw new InvalidJobException(n + " content characters asked for, " + free.length + " outside the largest "
          + "shot set");
    }
    return java.util.Arrays.stream(firstOfShuffle(free.length, n, random)).map(i -> free[i]).toArray();
  }

  /** {@code n} distinct values of [0, bound) in random order (n ≤ bound). */
  static int[] firstOfShuffle(int bound, int n, SplittableRandom random) {
    int[] values = java.util.stream.IntStream.range(0, bound).toArray();
    for (int i = 0; i < n; i++) {
      int j = i + random.nextInt(bound - i);
      int t = values[i];
      values[i] = values[j];
      values[j] = t;
    }
    return java.util.Arrays.copyOf(values, n);
  }

  private static int[] bankIds(ImageBank bank, int classIndex, int[] images) {
    return java.util.Arrays.stream(images).map(image -> bank.id(classIndex, image)).toArray();
  }

  /** K distinct images of a class, never image {@code exclude} (−1: none), as bank ids. */
  static int[] pick(ImageBank bank, int classIndex, int k, int exclude, SplittableRandom random) {
    int n = bank.count(classIndex);
    int[] candidates = java.util.stream.IntStream.range(0, n).filter(i -> i != exclude).toArray();
    int[] shots = new int[k];
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt(candidates.length - i);
      int t = candidates[i];
      candidates[i] = candidates[j];
      candidates[j] = t;
      shots[i] = bank.id(classIndex, candidates[i]);
    }
    return shots;
  }
}
