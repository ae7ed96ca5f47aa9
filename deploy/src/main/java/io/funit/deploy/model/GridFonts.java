package io.funit.deploy.model;

import io.funit.common.dataset.DatasetClass;
import io.funit.common.dataset.fonts.StyleGroups;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which held-out fonts a grid shows: first one font of every style group the held-out set has (in
 * {@link StyleGroups#ALL} order, the group's first font in split order unless a font shown already is in it), then
 * the next fonts in split order, so that a grid of a dozen rows shows serif, sans, script, italic and bold faces
 * rather than whichever kind the split happened to put first.
 */
final class GridFonts {
  private GridFonts() {}

  static List<DatasetClass> pick(List<DatasetClass> test, int rows) {
    Set<DatasetClass> chosen = new LinkedHashSet<>();
    for (String group : StyleGroups.ALL) {
      if (chosen.size() >= rows) {
        break;
      }
      if (chosen.stream().noneMatch(c -> StyleGroups.of(c).contains(group))) { // a bold italic shows both
        test.stream().filter(c -> StyleGroups.of(c).contains(group)).findFirst().ifPresent(chosen::add);
      }
    }
    for (DatasetClass c : test) {
      if (chosen.size() >= rows) {
        break;
      }
      chosen.add(c);
    }
    return new ArrayList<>(chosen);
  }
}
