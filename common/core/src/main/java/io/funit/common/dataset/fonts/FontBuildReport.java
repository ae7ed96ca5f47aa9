package io.funit.common.dataset.fonts;

import io.funit.common.dataset.DatasetManifest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The builder's {@code report.json}: what went in, what came out, and every face left out with its reason.
 *
 * @param id the dataset id
 * @param source the preset name or the input folder
 * @param contents the rendered characters
 * @param fontsConsidered faces found in the input
 * @param trainClasses classes in train
 * @param testClasses classes in test
 * @param styleGroups classes per style group ({@link StyleGroups}) in train and test, groups in {@link StyleGroups#ALL}
 *     order, a class counted in each of its groups
 * @param skippedByReason counts per reason key, sorted by key
 * @param skipped every skipped face, sorted by origin
 */
public record FontBuildReport(String id, String source, List<String> contents, int fontsConsidered,
    int trainClasses, int testClasses, Map<String, GroupCount> styleGroups, Map<String, Integer> skippedByReason,
    List<SkippedFont> skipped) {
  /** Classes of one style group in each split. */
  public record GroupCount(int train, int test) {}

  /** The per-group counts of planned classes. */
  static Map<String, GroupCount> countGroups(List<FontClassPlan.PlannedClass> plan) {
    Map<String, GroupCount> counts = new LinkedHashMap<>();
    StyleGroups.ALL.forEach(group -> counts.put(group, new GroupCount(0, 0)));
    for (FontClassPlan.PlannedClass planned : plan) {
      boolean test = planned.datasetClass().split().equals(DatasetManifest.SPLIT_TEST);
      for (String group : FontClassPlan.groups(planned.candidate())) {
        counts.computeIfPresent(group, (g, c) -> test ? new GroupCount(c.train(), c.test() + 1)
            : new GroupCount(c.train() + 1, c.test()));
      }
    }
    return counts;
  }
}
