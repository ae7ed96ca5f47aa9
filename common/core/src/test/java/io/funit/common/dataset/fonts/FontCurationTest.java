package io.funit.common.dataset.fonts;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.awt.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FontCurationTest {
  private static final List<String> LATIN = FontBuildOptions.ofPreset("ci", 32).contents();

  @Test
  void aRegularFontPassesEveryFilter() throws IOException {
    Font sans = load("DejaVuSans.ttf");
    GlyphRenderer.GlyphOutlines outlines = GlyphRenderer.outlines(sans, LATIN);

    assertThat(outlines.complete()).isTrue();
    assertThat(FontCuration.lowercaseLikeCapitals(outlines)).isLessThan(FontCuration.CAPS_ONLY_MIN_PAIRS);
    assertThat(new FontCuration(null).check(file("DejaVuSans.ttf", null), sans, outlines)).isEmpty();
  }

  @Test
  void aFontWhoseLowercaseCopiesItsCapitalsIsCapsOnly() throws IOException {
    GlyphRenderer.GlyphOutlines real = GlyphRenderer.outlines(load("DejaVuSerif.ttf"), LATIN);
    List<Shape> shapes = new ArrayList<>(real.shapes());
    for (int i = 0; i < 26; i++) {
      shapes.set(26 + i, real.shapes().get(i)); // a..z drawn as A..Z, as in many display fonts
    }
    GlyphRenderer.GlyphOutlines capsOnly = new GlyphRenderer.GlyphOutlines(LATIN, shapes, List.of());

    assertThat(FontCuration.lowercaseLikeCapitals(capsOnly)).isEqualTo(26);
    Optional<SkippedFont> skip = new FontCuration(null).check(file("x.ttf", null), load("DejaVuSerif.ttf"), capsOnly);
    assertThat(skip).map(SkippedFont::reason).contains(FontCuration.CAPS_ONLY);
  }

  @Test
  void charactersTheFontLacksAreMissingGlyphs() throws IOException {
    Font sans = load("DejaVuSans.ttf");
    List<String> contents = List.of("A", "\uE000", "\u6F22"); // a private-use code point and a hanzi
    GlyphRenderer.GlyphOutlines outlines = GlyphRenderer.outlines(sans, contents);

    assertThat(outlines.missing()).containsExactly("\uE000", "\u6F22");
    assertThat(new FontCuration(null).check(file("DejaVuSans.ttf", null), sans, outlines))
        .map(SkippedFont::reason).contains(FontCuration.MISSING_GLYPHS);
  }

  @Test
  void symbolFontsAreDroppedByName() throws IOException {
    Font sans = load("DejaVuSans.ttf");
    Optional<SkippedFont> skip = new FontCuration(null).check(file("StandardSymbolsPS.otf", null), sans,
        GlyphRenderer.outlines(sans, LATIN));
    assertThat(skip).map(SkippedFont::reason).contains(FontCuration.NAME_FILTER);
  }

  @Test
  void onePerFamilyKeepsTheUprightRegularFace() {
    List<FontCuration.Candidate> faces = List.of(candidate("Lato Bold", "Lato"), candidate("Lato Italic", "Lato"),
        candidate("Lato Regular", "Lato"), candidate("Lato Hairline", "Lato"), candidate("Cardo", "Cardo"));
    List<SkippedFont> skipped = new ArrayList<>();

    List<FontCuration.Candidate> kept = FontCuration.onePerFamily(faces, skipped);

    assertThat(kept).extracting(FontCuration.Candidate::face).containsExactlyInAnyOrder("Lato Regular", "Cardo");
    assertThat(skipped).hasSize(3).allMatch(s -> s.reason().equals(FontCuration.SAME_FAMILY));
  }

  @Test
  void allFacesOfKeepsEveryFaceOfTheListedFamiliesOnce() {
    FontCuration.Candidate otf = new FontCuration.Candidate(file("Lato-Italic.otf", "fonts-x"), "Lato Italic", "Lato",
        null);
    List<FontCuration.Candidate> faces = List.of(candidate("Lato Bold", "Lato"), candidate("Lato Italic", "Lato"),
        candidate("Lato Regular", "Lato"), otf, candidate("Cardo", "Cardo"), candidate("Cardo Italic", "Cardo"));
    List<SkippedFont> skipped = new ArrayList<>();

    // only Lato's regular file is listed: its family, with all its faces, is wanted; Cardo is another family
    List<FontCuration.Candidate> kept = FontCuration.allFacesOf(faces, java.util.Set.of("/fonts/Lato Regular.ttf"),
        skipped);

    assertThat(kept).extracting(FontCuration.Candidate::face)
        .containsExactly("Lato Bold", "Lato Italic", "Lato Regular");
    assertThat(skipped).extracting(SkippedFont::reason).containsExactly(FontCuration.SAME_FACE,
        FontCuration.OTHER_FAMILY, FontCuration.OTHER_FAMILY);
  }

  @Test
  void starterFacesIsTheStarterListWithAllFaces() {
    FontPreset starter = FontPreset.named(FontPreset.STARTER_300);
    FontPreset faces = FontPreset.named(FontPreset.STARTER_300_FACES);
    assertThat(faces.allFaces()).isTrue();
    assertThat(starter.allFaces()).isFalse();
    assertThat(faces.files()).isEqualTo(starter.files());
    assertThat(faces.packages()).isEqualTo(starter.packages());
  }

  private static FontCuration.Candidate candidate(String face, String family) {
    return new FontCuration.Candidate(file(face + ".ttf", "fonts-x"), face, family, null);
  }

  private static FontFile file(String name, String packageName) {
    return new FontFile(Path.of("/fonts", name), "/fonts/" + name, packageName, name, null);
  }

  private static Font load(String name) throws IOException {
    Path path = TestFonts.dejavu(name);
    return FontFaces.load(path, Files.readAllBytes(path), name).get(0);
  }
}
