package io.funit.common.dataset.fonts;

import java.awt.Font;
import java.awt.Shape;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Screens out illegible decorative fonts by template matching: each glyph, fitted into {@value #SIZE} px, is compared
 * with the same-size glyphs of a few plain reference fonts (DejaVu Sans and Serif, Liberation Sans and Mono); the
 * score is the share of glyphs whose nearest reference glyph is the right character, folding case and counting 0 as
 * O and 1 as l (plain fonts draw them alike). Used on fonts-aenigma only: on real script and italic fonts the plain
 * references would misjudge readable faces.
 */
public final class LegibilityScreen {
  /** The glyph size of the comparison, small enough to ignore decoration detail. */
  public static final int SIZE = 24;
  /** Fonts scoring below this are illegible (docs/datasets.md: drops 72 of 463 aenigma faces). */
  public static final double THRESHOLD = 0.10;

  private final List<float[]> templates = new ArrayList<>();
  private final List<Character> templateChars = new ArrayList<>();

  /** Builds the templates of every single-character content from every reference face. */
  public LegibilityScreen(List<Font> references, List<String> contents) {
    for (Font reference : references) {
      GlyphRenderer.GlyphOutlines outlines = GlyphRenderer.outlines(reference, contents);
      for (int i = 0; i < contents.size(); i++) {
        Shape shape = outlines.shapes().get(i);
        if (shape != null && contents.get(i).length() == 1) {
          templates.add(features(GlyphRenderer.renderFitted(shape, SIZE)));
          templateChars.add(fold(contents.get(i).charAt(0)));
        }
      }
    }
    if (templates.isEmpty()) {
      throw new IllegalArgumentException("legibility screen: the reference fonts have no glyphs for the charset");
    }
  }

  /** The share of a font's glyphs recognised as the right character (0..1); missing glyphs count as wrong. */
  public double score(GlyphRenderer.GlyphOutlines outlines) {
    int right = 0;
    int total = 0;
    for (int i = 0; i < outlines.contents().size(); i++) {
      String content = outlines.contents().get(i);
      if (content.length() != 1) {
        continue;
      }
      total++;
      Shape shape = outlines.shapes().get(i);
      if (shape != null && nearest(features(GlyphRenderer.renderFitted(shape, SIZE))) == fold(content.charAt(0))) {
        right++;
      }
    }
    return total == 0 ? 0 : (double) right / total;
  }

  public boolean legible(double score) {
    return score >= THRESHOLD;
  }

  /** The template with the highest correlation. */
  private char nearest(float[] glyph) {
    double best = -Double.MAX_VALUE;
    char bestChar = 0;
    for (int t = 0; t < templates.size(); t++) {
      float[] template = templates.get(t);
      double correlation = 0;
      for (int p = 0; p < glyph.length; p++) {
        correlation += glyph[p] * template[p];
      }
      if (correlation > best) {
        best = correlation;
        bestChar = templateChars.get(t);
      }
    }
    return bestChar;
  }

  /**
   * Blurred ink, zero mean, unit norm: correlation then compares shapes, not ink mass. Raw pixel distances would
   * match every heavy display glyph to the heaviest reference glyph, and the blur tolerates strokes that are a
   * pixel off.
   */
  static float[] features(BufferedImage gray) {
    float[] v = blur(blur(ink(gray)));
    double mean = 0;
    for (float x : v) {
      mean += x;
    }
    mean /= v.length;
    double norm = 0;
    for (int i = 0; i < v.length; i++) {
      v[i] -= (float) mean;
      norm += v[i] * v[i];
    }
    float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < v.length; i++) {
      v[i] *= scale;
    }
    return v;
  }

  /** A 3×3 box blur of a {@value #SIZE}² image, edges clamped. */
  private static float[] blur(float[] in) {
    float[] out = new float[in.length];
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        float sum = 0;
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            int yy = Math.min(SIZE - 1, Math.max(0, y + dy));
            int xx = Math.min(SIZE - 1, Math.max(0, x + dx));
            sum += in[yy * SIZE + xx];
          }
        }
        out[y * SIZE + x] = sum / 9;
      }
    }
    return out;
  }

  static char fold(char c) {
    char lower = Character.toLowerCase(c);
    return switch (lower) {
      case '0' -> 'o';
      case '1' -> 'l';
      default -> lower;
    };
  }

  /** Ink per pixel, 0 (white) .. 1 (black). */
  static float[] ink(BufferedImage gray) {
    byte[] pixels = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
    float[] ink = new float[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      ink[i] = 1f - (pixels[i] & 0xFF) / 255f;
    }
    return ink;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "LegibilityScreen[%d templates]", templates.size());
  }
}
