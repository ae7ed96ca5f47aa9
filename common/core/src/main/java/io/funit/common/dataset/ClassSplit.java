package io.funit.common.dataset;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * A reproducible train/test split of groups (classes, or families of classes): the sorted groups are shuffled by
 * the seed and the first {@code round(n · testFraction)} go to test, with at least one group on each side when
 * there are two or more and the fraction is positive. Sorting first makes it independent of input order.
 */
public final class ClassSplit {
  private ClassSplit() {}

  /** The groups that are held out for testing. */
  public static Set<String> testGroups(Collection<String> groups, long seed, double testFraction) {
    List<String> sorted = new ArrayList<>(new TreeSet<>(groups));
    Collections.shuffle(sorted, new Random(seed));
    int n = sorted.size();
    int test = (int) Math.round(n * testFraction);
    if (testFraction > 0 && n >= 2) {
      test = Math.max(1, Math.min(n - 1, test));
    }
    return new HashSet<>(sorted.subList(0, test));
  }
}
