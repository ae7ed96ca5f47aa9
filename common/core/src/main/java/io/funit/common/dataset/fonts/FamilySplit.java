package io.funit.common.dataset.fonts;

import io.funit.common.dataset.DatasetManifest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Splits font classes into train and test by family, so that near-duplicates (the Std and No2 cuts of a family, its
 * Condensed or Titling version) never land on both sides: a test class must be a style the model has not seen.
 * Families are grouped by {@link #familyKey}; the groups are sorted, shuffled by the seed and taken into test until
 * the test fraction of classes is reached. The result depends only on the families and the seed, not on input order.
 */
public final class FamilySplit {
  /** Weight, width, style and marketing words that do not make a different design. */
  private static final Set<String> VARIANT_WORDS = Set.of(
      "bold", "italic", "oblique", "slanted", "condensed", "cond", "narrow", "extended", "expanded", "wide",
      "light", "thin", "hairline", "medium", "semibold", "demibold", "extrabold", "ultrabold", "black", "heavy",
      "extralight", "ultralight", "semi", "demi", "extra", "ultra", "regular", "book", "roman", "normal", "plain",
      "std", "pro", "no2", "display", "titling", "text", "caption", "sc", "smallcaps", "caps", "lt", "mt");

  private FamilySplit() {}

  /**
   * The family's grouping key: lower-cased, CamelCase and punctuation split into words, variant words and digits
   * dropped ("Accanthis ADF Std No2" and "AccanthisADFStd Bold" both become "accanthis adf").
   */
  public static String familyKey(String family) {
    String spaced = family.replaceAll("([a-z])([A-Z])", "$1 $2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1 $2")
        .toLowerCase(Locale.ROOT)
        .replace("no2", " no2 ").replaceAll("[^a-z0-9]+", " ");
    String key = Arrays.stream(spaced.trim().split(" "))
        .filter(w -> !w.isEmpty() && !VARIANT_WORDS.contains(w) && !w.matches("\\d+"))
        .collect(Collectors.joining(" "));
    return key.isEmpty() ? family.toLowerCase(Locale.ROOT).trim() : key;
  }

  /**
   * The split of each class, given its family, in input order.
   *
   * @param testFraction the share of classes to put into test, in [0, 1)
   */
  public static List<String> assign(List<String> families, long seed, double testFraction) {
    if (!(testFraction >= 0 && testFraction < 1)) {
      throw new IllegalArgumentException("testFraction: must be in [0, 1), got " + testFraction);
    }
    Map<String, Integer> groupSizes = new TreeMap<>(); // sorted: the shuffle below is then order-independent
    for (String family : families) {
      groupSizes.merge(familyKey(family), 1, Integer::sum);
    }
    List<String> keys = new ArrayList<>(groupSizes.keySet());
    Collections.shuffle(keys, new Random(seed));
    long target = Math.round(testFraction * families.size());
    Set<String> test = new java.util.HashSet<>();
    int testClasses = 0;
    for (String key : keys) {
      int size = groupSizes.get(key);
      if (testClasses + size <= target) {
        test.add(key);
        testClasses += size;
      }
    }
    if (test.isEmpty() && target > 0 && keys.size() > 1) {
      test.add(keys.get(0)); // every group is larger than the target: still hold out one family
    }
    return families.stream().map(f -> test.contains(familyKey(f))
        ? DatasetManifest.SPLIT_TEST : DatasetManifest.SPLIT_TRAIN).toList();
  }
}
