package io.funit.common.eval;

/**
 * Two measures of a glyph image's style: stroke weight (the ink: mean darkness) and slant (how far the ink leans
 * right per unit of height, from its second moments: the horizontal shear that would make it upright). Images are
 * (3, S, S) planes in [−1, 1] with dark ink on a light background, as the glyph datasets render them; the three
 * channels are averaged.
 */
final class GlyphStyle {
  /** Darkness below this is background haze, not ink. */
  private static final double HAZE = 0.1;

  private GlyphStyle() {}

  /**
   * @param ink mean darkness in [0, 1] above the haze: 0 for an empty (white) image, 1 for a black one
   * @param slant −cov(x, y) / var(y) of the ink, with y growing downwards: 0 for an upright glyph, positive when the
   *     top leans right (italics), in pixels of x per pixel of y; 0 for an image without ink
   */
  record Measured(double ink, double slant) {}

  /** Both measures of the (3, S, S) image at {@code offset}, from one darkness map. */
  static Measured of(float[] images, int offset, int size) {
    int plane = size * size;
    double[] w = new double[plane];
    double mass = 0;
    double sx = 0;
    double sy = 0;
    for (int i = 0; i < plane; i++) {
      w[i] = darkness(images, offset, plane, i);
      mass += w[i];
      sx += w[i] * (i % size);
      sy += w[i] * (i / size);
    }
    if (mass < 1e-6) {
      return new Measured(0, 0);
    }
    double cx = sx / mass;
    double cy = sy / mass;
    double cov = 0;
    double varY = 0;
    for (int i = 0; i < plane; i++) {
      double dy = i / size - cy;
      cov += w[i] * (i % size - cx) * dy;
      varY += w[i] * dy * dy;
    }
    return new Measured(mass / plane, varY < 1e-6 ? 0 : -cov / varY);
  }

  static double ink(float[] images, int offset, int size) {
    return of(images, offset, size).ink();
  }

  static double slant(float[] images, int offset, int size) {
    return of(images, offset, size).slant();
  }

  /**
   * How dark a pixel is, in [0, 1], with the faintest tenth ignored: a generator's background is rarely exact white,
   * and a faint haze over the whole image would weigh like ink far from the glyph's centre, pulling the slant of
   * translations (not of the true glyphs) towards 0.
   */
  private static double darkness(float[] images, int offset, int plane, int i) {
    double v = (images[offset + i] + images[offset + plane + i] + images[offset + 2 * plane + i]) / 3.0;
    double d = (1 - v) / 2;
    return Math.min(1, Math.max(0, (d - HAZE) / (1 - HAZE)));
  }
}
