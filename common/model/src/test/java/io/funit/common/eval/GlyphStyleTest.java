package io.funit.common.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Font;
import org.junit.jupiter.api.Test;

class GlyphStyleTest {
  private static final int SIZE = 32;
  private static final String CHARACTERS = "abdehklmnpqxHKLMN";

  @Test
  void aShearedBarLeansByItsShearAndAnUprightOneNotAtAll() {
    assertThat(GlyphStyle.slant(bar(0.0), 0, SIZE)).isCloseTo(0.0, within(0.02));
    assertThat(GlyphStyle.slant(bar(0.25), 0, SIZE)).isCloseTo(0.25, within(0.03));
    assertThat(GlyphStyle.slant(bar(-0.25), 0, SIZE)).isCloseTo(-0.25, within(0.03));
    assertThat(GlyphStyle.slant(blank(), 0, SIZE)).isZero();
    float[] hazy = bar(0.25);
    for (int i = 0; i < hazy.length; i++) {
      hazy[i] = Math.min(hazy[i], 0.85f);  // a light gray background, as generators draw it
    }
    assertThat(GlyphStyle.slant(hazy, 0, SIZE)).isCloseTo(0.25, within(0.03));
  }

  @Test
  void inkIsTheMeanDarkness() {
    assertThat(GlyphStyle.ink(blank(), 0, SIZE)).isZero();
    float[] half = blank();
    for (int ch = 0; ch < 3; ch++) {                            // the top half black
      java.util.Arrays.fill(half, ch * SIZE * SIZE, ch * SIZE * SIZE + SIZE * SIZE / 2, -1f);
    }
    assertThat(GlyphStyle.ink(half, 0, SIZE)).isCloseTo(0.5, within(1e-9));
    java.util.Arrays.fill(half, 0.85f);                         // a light haze is not ink
    assertThat(GlyphStyle.ink(half, 0, SIZE)).isZero();
  }

  @Test
  void realItalicGlyphsLeanAndRealBoldGlyphsCarryMoreInk() {
    double plainSlant = mean(new Font(Font.SERIF, Font.PLAIN, 1), true);
    double italicSlant = mean(new Font(Font.SERIF, Font.ITALIC, 1), true);
    assertThat(italicSlant).isGreaterThan(plainSlant + 0.1);
    double plainInk = mean(new Font(Font.SANS_SERIF, Font.PLAIN, 1), false);
    double boldInk = mean(new Font(Font.SANS_SERIF, Font.BOLD, 1), false);
    assertThat(boldInk).isGreaterThan(1.3 * plainInk);
  }

  @Test
  void fitIsPearsonsRAndTheMeanAbsoluteDifference() {
    double[] truth = {0.1, 0.2, 0.3, 0.4};
    assertThat(StyleAgreement.fit(new double[] {1, 2, 3, 4}, truth).r()).isCloseTo(1.0, within(1e-12));
    assertThat(StyleAgreement.fit(new double[] {4, 3, 2, 1}, truth).r()).isCloseTo(-1.0, within(1e-12));
    StyleAgreement.Fit shifted = StyleAgreement.fit(new double[] {0.2, 0.3, 0.4, 0.5}, truth);
    assertThat(shifted.mae()).isCloseTo(0.1, within(1e-12));
    assertThat(StyleAgreement.fit(new double[] {0.3, 0.3, 0.3, 0.3}, truth).r()).isZero(); // no variation
  }

  private static double mean(Font face, boolean slant) {
    double sum = 0;
    for (char c : CHARACTERS.toCharArray()) {
      float[] glyph = GlyphDatasets.planes(face, c, SIZE);
      sum += slant ? GlyphStyle.slant(glyph, 0, SIZE) : GlyphStyle.ink(glyph, 0, SIZE);
    }
    return sum / CHARACTERS.length();
  }

  /** A 4-pixel-wide black bar from row 4 to row 27 whose x moves by −shear per row downwards. */
  private static float[] bar(double shear) {
    float[] image = blank();
    for (int y = 4; y < 28; y++) {
      double x0 = 14 - shear * (y - 16);
      for (int x = 0; x < SIZE; x++) {
        if (x >= Math.round(x0) && x < Math.round(x0) + 4) {
          for (int ch = 0; ch < 3; ch++) {
            image[ch * SIZE * SIZE + y * SIZE + x] = -1f;
          }
        }
      }
    }
    return image;
  }

  private static float[] blank() {
    float[] image = new float[3 * SIZE * SIZE];
    java.util.Arrays.fill(image, 1f);
    return image;
  }
}
