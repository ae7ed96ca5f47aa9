package io.funit.deploy.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.funit.common.dataset.DatasetClass;
import io.funit.common.dataset.DatasetManifest;
import java.util.List;
import org.junit.jupiter.api.Test;

class GridFontsTest {
  private static final List<DatasetClass> TEST = List.of(
      face(0, "Alpha Regular", "sans"), face(1, "Beta Regular", "sans"), face(2, "Gamma Bold", "sans"),
      face(3, "Delta Italic", "serif"), face(4, "Epsilon Regular", "script/handwriting"),
      face(5, "Zeta Regular", "sans"));

  private static DatasetClass face(int index, String face, String style) {
    return new DatasetClass(index, face, DatasetManifest.SPLIT_TEST, 62, DatasetClass.shardPath(index), List.of(),
        new DatasetClass.ClassSource("pkg", "fonts-x", "x.ttf", face, face.split(" ")[0], "OFL", style));
  }

  @Test
  void aFontOfEveryGroupComesFirstThenTheSplitsOrder() {
    // serif: Delta Italic (also italic); sans: Alpha; script: Epsilon; italic: Delta again; bold: Gamma
    assertThat(GridFonts.pick(TEST, 6)).extracting(DatasetClass::name)
        .containsExactly("Delta Italic", "Alpha Regular", "Epsilon Regular", "Gamma Bold", "Beta Regular",
            "Zeta Regular");
  }

  @Test
  void fewerRowsThanGroupsKeepTheFirstGroups() {
    assertThat(GridFonts.pick(TEST, 2)).extracting(DatasetClass::name).containsExactly("Delta Italic",
        "Alpha Regular");
  }

  @Test
  void classesWithoutProvenanceKeepTheSplitsOrder() {
    List<DatasetClass> uploads = List.of(new DatasetClass(0, "b", DatasetManifest.SPLIT_TEST, 3, "s0", List.of(),
        null), new DatasetClass(1, "a", DatasetManifest.SPLIT_TEST, 3, "s1", List.of(), null));
    assertThat(GridFonts.pick(uploads, 5)).extracting(DatasetClass::name).containsExactly("b", "a");
  }
}
