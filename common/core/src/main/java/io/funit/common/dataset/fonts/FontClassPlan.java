package io.funit.common.dataset.fonts;

import io.funit.common.dataset.DatasetClass;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the kept faces into dataset classes: sorted by face name (so indices do not depend on file-system order),
 * named uniquely, split by family, with their provenance.
 */
final class FontClassPlan {
  private FontClassPlan() {}

  /** A class to write and the face it is rendered from. */
  record PlannedClass(DatasetClass datasetClass, FontCuration.Candidate candidate) {}

  /** Entry names of a shard: content i is {@code %03d.png}. */
  static String imageName(int content) {
    return String.format("%03d.png", content);
  }

  static List<PlannedClass> plan(List<FontCuration.Candidate> kept, FontSources.Inputs inputs,
      FontBuildOptions options, List<String> contents) {
    List<FontCuration.Candidate> sorted = new ArrayList<>(kept);
    sorted.sort(Comparator.comparing(FontCuration.Candidate::face).thenComparing(c -> c.file().origin()));
    List<String> names = uniqueNames(sorted);
    List<String> splits = FamilySplit.assign(sorted.stream().map(FontCuration.Candidate::family).toList(),
        sorted.stream().map(FontClassPlan::groups).toList(), options.seed(), options.testFraction(),
        options.preset() == null ? 0 : FontPreset.named(options.preset()).heldOutPerGroup());
    List<String> imageNames = new ArrayList<>();
    for (int i = 0; i < contents.size(); i++) {
      imageNames.add(imageName(i));
    }
    List<PlannedClass> plan = new ArrayList<>();
    for (int index = 0; index < sorted.size(); index++) {
      FontCuration.Candidate c = sorted.get(index);
      FontFile file = c.file();
      DatasetClass.ClassSource source = new DatasetClass.ClassSource(file.origin(), file.packageName(), file.file(),
          c.face(), c.family(), inputs.licence(file), file.style());
      plan.add(new PlannedClass(new DatasetClass(index, names.get(index), splits.get(index), contents.size(),
          DatasetClass.shardPath(index), imageNames, source), c));
    }
    return plan;
  }

  /** The style groups of a kept face. */
  static Set<String> groups(FontCuration.Candidate candidate) {
    return StyleGroups.of(candidate.face(), candidate.family(), candidate.file().style());
  }

  /** Face names, made unique with the package (or file) name and then a counter: two packages may ship one face. */
  static List<String> uniqueNames(List<FontCuration.Candidate> sorted) {
    Map<String, Integer> counts = new HashMap<>();
    sorted.forEach(c -> counts.merge(c.face(), 1, Integer::sum));
    List<String> names = new ArrayList<>();
    Map<String, Integer> used = new HashMap<>();
    for (FontCuration.Candidate c : sorted) {
      String name = c.face();
      if (counts.get(name) > 1) {
        String where = c.file().packageName() != null ? c.file().packageName()
            : c.file().path().getFileName().toString();
        name = name + " (" + where + ")";
      }
      int seen = used.merge(name, 1, Integer::sum);
      names.add(seen == 1 ? name : name + " #" + seen);
    }
    return names;
  }
}
