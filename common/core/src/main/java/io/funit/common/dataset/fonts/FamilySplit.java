package io.funit.common.dataset.fonts;

import io.funit.common.dataset.DatasetManifest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
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
    String spaced = lowerCaseWords(family).replace("no2", " no2 ").replaceAll("[^a-z0-9]+", " ");
    String key = Arrays.stream(spaced.trim().split(" "))
        .filter(w -> !w.isEmpty() && !VARIANT_WORDS.contains(w) && !w.matches("\\d+"))
        .collect(Collectors.joining(" "));
    return key.isEmpty() ? family.toLowerCase(Locale.ROOT).trim() : key;
  }

  /** {@code name} lower-cased, with its CamelCase words apart ("AccanthisADFStd Bold" → "accanthis adf std bold"). */
  static String lowerCaseWords(String name) {
    return name.replaceAll("([a-z])([A-Z])", "$1 $2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1 $2")
        .toLowerCase(Locale.ROOT);
  }

  /**
   * The split of each class, given its family, in input order.
   *
   * @param testFraction the share of classes to put into test, in [0, 1)
   */
  public static List<String> assign(List<String> families, long seed, double testFraction) {
    return assign(families, families.stream().map(f -> Set.<String>of()).toList(), seed, testFraction, 0);
  }

  /**
   * As {@link #assign(List, long, double)}, with each style group of {@link StyleGroups#ALL} held out at least
   * {@code minPerGroup} times where the input allows: first, group by group, families in the seed's order that have
   * faces of the group go into test until the group has {@code minPerGroup} test faces, skipping any family that would
   * put more than half of the group's faces into test (training keeps the other half); then families fill test up to
   * the fraction as without groups. The minimums may take the test share past the fraction. With
   * {@code minPerGroup} 0 the split is the one without groups.
   *
   * @param groups each class's style groups, in the order of {@code families}
   */
  public static List<String> assign(List<String> families, List<Set<String>> groups, long seed, double testFraction,
      int minPerGroup) {
    if (!(testFraction >= 0 && testFraction < 1)) {
      throw new IllegalArgumentException("testFraction: must be in [0, 1), got " + testFraction);
    }
    if (groups.size() != families.size() || minPerGroup < 0) {
      throw new IllegalArgumentException("groups: one set per family, and minPerGroup >= 0");
    }
    Map<String, Integer> groupSizes = new TreeMap<>(); // sorted: the shuffle below is then order-independent
    Map<String, Map<String, Integer>> facesByGroup = new HashMap<>();
    Map<String, Integer> groupTotals = new HashMap<>();
    for (int i = 0; i < families.size(); i++) {
      String key = familyKey(families.get(i));
      groupSizes.merge(key, 1, Integer::sum);
      for (String group : groups.get(i)) {
        facesByGroup.computeIfAbsent(key, k -> new HashMap<>()).merge(group, 1, Integer::sum);
        groupTotals.merge(group, 1, Integer::sum);
      }
    }
    List<String> keys = new ArrayList<>(groupSizes.keySet());
    Collections.shuffle(keys, new Random(seed));
    long target = Math.round(testFraction * families.size());
    Set<String> test = new HashSet<>();
    int testClasses = 0;
    Map<String, Integer> held = new HashMap<>();
    for (String group : minPerGroup > 0 ? StyleGroups.ALL : List.<String>of()) {
      for (String key : keys) {
        int faces = facesByGroup.getOrDefault(key, Map.of()).getOrDefault(group, 0);
        if (held.getOrDefault(group, 0) >= minPerGroup) {
          break;
        }
        if (faces == 0 || test.contains(key) || 2 * (held.getOrDefault(group, 0) + faces) > groupTotals.get(group)) {
          continue;
        }
        test.add(key);
        testClasses += groupSizes.get(key);
        facesByGroup.getOrDefault(key, Map.of()).forEach((g, n) -> held.merge(g, n, Integer::sum));
      }
    }
    for (String key : keys) {
      int size = groupSizes.get(key);
      if (!test.contains(key) && testClasses + size <= target) {
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
