package io.funit.common.dataset.fonts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StyleGroupsTest {
  @Test
  void theSurveysDesignClassAndTheNamesStyleWords() {
    assertThat(StyleGroups.of("Roboto Slab Bold", "Roboto Slab", "serif"))
        .containsExactlyInAnyOrder(StyleGroups.SERIF, StyleGroups.SLAB, StyleGroups.BOLD);
    assertThat(StyleGroups.of("Open Sans Condensed Light Italic", "Open Sans Condensed", "sans"))
        .containsExactlyInAnyOrder(StyleGroups.SANS, StyleGroups.CONDENSED, StyleGroups.LIGHT, StyleGroups.ITALIC);
    assertThat(StyleGroups.of("IBM 3270 Semi-Narrow", "IBM 3270", "monospace/retro"))
        .containsExactlyInAnyOrder(StyleGroups.MONOSPACE, StyleGroups.CONDENSED);
    assertThat(StyleGroups.of("Kristi", "Kristi", "script/handwriting")).containsExactly(StyleGroups.SCRIPT);
    assertThat(StyleGroups.of("Ænigma Scrawl 4 BRK", "Ænigma Scrawl 4 BRK", "display-aenigma"))
        .containsExactly(StyleGroups.DISPLAY);
    assertThat(StyleGroups.of("UnifrakturMaguntia", "UnifrakturMaguntia", "blackletter/historic"))
        .containsExactly(StyleGroups.BLACKLETTER);
  }

  @Test
  void camelCaseNamesSplitAndUnknownFontsKeepOnlyTheirNamesGroups() {
    assertThat(StyleGroups.of("RobotoSlab-BoldItalic", "RobotoSlab", null))
        .containsExactlyInAnyOrder(StyleGroups.SLAB, StyleGroups.BOLD, StyleGroups.ITALIC);
    assertThat(StyleGroups.of("Some Face Regular", "Some Face", null)).isEmpty();
    // words, not letters: "Highlight" is not light, "Bolder" is bold, "Thinker" is not thin
    assertThat(StyleGroups.of("Bolder Thinker Highlight", "Bolder Thinker", null)).containsExactly(StyleGroups.BOLD);
    assertThat(StyleGroups.of("Source Sans Pro ExtraLight", "Source Sans Pro", "sans"))
        .containsExactlyInAnyOrder(StyleGroups.SANS, StyleGroups.LIGHT);
  }
}
