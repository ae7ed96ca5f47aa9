package io.funit.common.dataset.fonts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FamilySplitTest {
  @Test
  void variantsOfOneFamilyShareAKey() {
    assertThat(FamilySplit.familyKey("Accanthis ADF Std No2")).isEqualTo("accanthis adf");
    assertThat(FamilySplit.familyKey("AccanthisADFStd Bold")).isEqualTo("accanthis adf");
    assertThat(FamilySplit.familyKey("Mekanus ADF Titling Std")).isEqualTo("mekanus adf");
    assertThat(FamilySplit.familyKey("Open Sans Condensed Light")).isEqualTo("open sans");
    assertThat(FamilySplit.familyKey("Bebas Neue")).isEqualTo("bebas neue");
  }

  @Test
  void theSplitDependsOnTheSeedAndFamiliesButNotOnInputOrder() {
    List<String> families = families();
    List<String> shuffled = new ArrayList<>(families);
    Collections.shuffle(shuffled, new Random(7));

    Map<String, String> first = byFamily(families, FamilySplit.assign(families, 42, 0.2));
    Map<String, String> second = byFamily(shuffled, FamilySplit.assign(shuffled, 42, 0.2));
    Map<String, String> otherSeed = byFamily(families, FamilySplit.assign(families, 43, 0.2));

    assertThat(second).isEqualTo(first);
    assertThat(otherSeed).isNotEqualTo(first);
  }

  @Test
  void noFamilyLandsOnBothSidesAndTheTestShareIsNearTheFraction() {
    List<String> families = families();
    List<String> splits = FamilySplit.assign(families, 1, 0.2);

    Map<String, Set<String>> sidesByKey = new HashMap<>();
    for (int i = 0; i < families.size(); i++) {
      sidesByKey.computeIfAbsent(FamilySplit.familyKey(families.get(i)), k -> new HashSet<>()).add(splits.get(i));
    }
    assertThat(sidesByKey.values()).allMatch(sides -> sides.size() == 1);
    long test = splits.stream().filter("test"::equals).count();
    assertThat(test).isBetween(35L, 40L); // 20% of 190, never above the target
  }

  @Test
  void withoutMinimumsTheGroupsChangeNothing() {
    List<String> families = families();
    List<Set<String>> groups = families.stream().map(f -> StyleGroups.of(f, f, "serif")).toList();

    assertThat(FamilySplit.assign(families, groups, 1, 0.2, 0)).isEqualTo(FamilySplit.assign(families, 1, 0.2));
  }

  @Test
  void minimumsHoldOutEachGroupWhereHalfOfItsFacesAllowAndKeepFamiliesWhole() {
    List<String> families = families();
    // the 30 text families are italic (their third face) and bold (their second); 2 faces are slab, in one family
    families.add("Slabby Grotesk");
    families.add("Slabby Grotesk Bold");
    List<Set<String>> groups = families.stream().map(f -> StyleGroups.of(f, f, null)).toList();
    // a small fraction: without minimums the 30 italic faces would mostly stay in training
    List<String> splits = FamilySplit.assign(families, groups, 3, 0.05, 12);

    Map<String, Integer> heldOut = new HashMap<>();
    Map<String, Set<String>> sidesByKey = new HashMap<>();
    for (int i = 0; i < families.size(); i++) {
      sidesByKey.computeIfAbsent(FamilySplit.familyKey(families.get(i)), k -> new HashSet<>()).add(splits.get(i));
      if (splits.get(i).equals("test")) {
        groups.get(i).forEach(g -> heldOut.merge(g, 1, Integer::sum));
      }
    }
    assertThat(sidesByKey.values()).allMatch(sides -> sides.size() == 1);
    assertThat(heldOut.get(StyleGroups.ITALIC)).isBetween(12, 15);
    assertThat(heldOut.get(StyleGroups.BOLD)).isGreaterThanOrEqualTo(12);
    assertThat(heldOut).doesNotContainKey(StyleGroups.SLAB); // its one family holds all of it: training keeps it
  }

  /** 190 classes: 100 single families and 30 families with three variants each. */
  private static List<String> families() {
    List<String> families = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      families.add("Display Face " + (char) ('A' + i % 26) + (char) ('a' + i / 26));
    }
    for (int i = 0; i < 30; i++) {
      String base = "Text Family " + (char) ('A' + i % 26) + (char) ('k' + i / 26);
      families.addAll(List.of(base, base + " Bold", base + " Condensed Italic"));
    }
    return families;
  }

  private static Map<String, String> byFamily(List<String> families, List<String> splits) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < families.size(); i++) {
      map.put(families.get(i), splits.get(i));
    }
    return map;
  }
}
