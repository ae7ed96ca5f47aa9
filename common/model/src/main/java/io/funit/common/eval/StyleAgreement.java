package io.funit.common.eval;

/**
 * Does a prediction take each held-out font's style? Per font, the mean {@link GlyphStyle} of the predicted glyphs
 * is compared with that of the font's true glyphs, across the fonts: Pearson's r (1: follows the fonts' differences;
 * about 0: ignores them) and the mean absolute difference. Measured for the model and for the two baselines of
 * {@link HeldOutGlyphL1}: copying the content glyph (r near 0 by construction) and the class glyphs' pixel mean
 * (which keeps the font's ink and lean but not the character).
 *
 * @param fonts fonts compared
 * @param weight stroke weight (ink, in [0, 1])
 * @param slant lean (pixels of x per pixel of y; italics about 0.2)
 */
public record StyleAgreement(int fonts, Measure weight, Measure slant) {
  /** One style measure for the model and the baselines. */
  public record Measure(Fit model, Fit copyContent, Fit classMean) {}

  /** @param r Pearson's r across fonts; @param mae mean absolute difference of the per-font means */
  public record Fit(double r, double mae) {}

  /** Per-font sums of the style measures of the true glyphs and of three predictions. */
  static final class Tally {
    static final int MODEL = 0;
    static final int COPY = 1;
    static final int CLASS_MEAN = 2;
    static final int TRUTH = 3;

    private final double[][] ink;
    private final double[][] slant;
    private final int[] glyphs;

    Tally(int fonts) {
      ink = new double[4][fonts];
      slant = new double[4][fonts];
      glyphs = new int[fonts];
    }

    /** Adds one glyph (a (3, S, S) image at {@code offset}) of {@code font} as {@code source}. */
    void add(int font, int source, float[] images, int offset, int size) {
      GlyphStyle.Measured style = GlyphStyle.of(images, offset, size);
      ink[source][font] += style.ink();
      slant[source][font] += style.slant();
      if (source == TRUTH) {
        glyphs[font]++;
      }
    }

    StyleAgreement result() {
      int fonts = glyphs.length;
      double[][] inkMeans = means(ink);
      double[][] slantMeans = means(slant);
      return new StyleAgreement(fonts, measure(inkMeans), measure(slantMeans));
    }

    private double[][] means(double[][] sums) {
      double[][] means = new double[4][glyphs.length];
      for (int s = 0; s < 4; s++) {
        for (int f = 0; f < glyphs.length; f++) {
          means[s][f] = glyphs[f] == 0 ? 0 : sums[s][f] / glyphs[f];
        }
      }
      return means;
    }

    private static Measure measure(double[][] means) {
      return new Measure(fit(means[MODEL], means[TRUTH]), fit(means[COPY], means[TRUTH]),
          fit(means[CLASS_MEAN], means[TRUTH]));
    }
  }

  static Fit fit(double[] predicted, double[] truth) {
    int n = truth.length;
    double mp = 0;
    double mt = 0;
    double mae = 0;
    for (int i = 0; i < n; i++) {
      mp += predicted[i] / n;
      mt += truth[i] / n;
      mae += Math.abs(predicted[i] - truth[i]) / n;
    }
    double cov = 0;
    double vp = 0;
    double vt = 0;
    for (int i = 0; i < n; i++) {
      cov += (predicted[i] - mp) * (truth[i] - mt);
      vp += (predicted[i] - mp) * (predicted[i] - mp);
      vt += (truth[i] - mt) * (truth[i] - mt);
    }
    double r = vp > 0 && vt > 0 ? cov / Math.sqrt(vp * vt) : 0;
    return new Fit(r, mae);
  }
}
