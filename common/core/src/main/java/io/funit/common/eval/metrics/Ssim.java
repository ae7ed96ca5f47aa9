package io.funit.common.eval.metrics;

/**
 * Structural similarity (Wang et al. 2004) as usually reported: pixels on the 8-bit scale (L = 255, K1 = 0.01,
 * K2 = 0.03), local statistics under an 11×11 Gaussian window with σ = 1.5 (normalized to sum 1), only where the
 * window fits inside the image ("valid"), averaged over those positions. A 32×32 glyph leaves 22×22 positions,
 * enough for the standard window, so no smaller window is used; images smaller than 11 pixels use a window of
 * their own side. Colour images are compared on the mean of their channels.
 */
public final class Ssim {
  private static final double C1 = Math.pow(0.01 * 255, 2);
  private static final double C2 = Math.pow(0.03 * 255, 2);
  private static final int WINDOW = 11;
  private static final double SIGMA = 1.5;

  private Ssim() {}

  /** SSIM of image {@code ai} of {@code a} and image {@code bi} of {@code b}, both (N, channels, size, size) in [−1, 1]. */
  public static double of(float[] a, int ai, float[] b, int bi, int channels, int size) {
    double[] x = luminance(a, ai, channels, size);
    double[] y = luminance(b, bi, channels, size);
    int w = Math.min(WINDOW, size);
    double[] g = gaussian(w);
    double[] xy = new double[x.length];
    double[] xx = new double[x.length];
    double[] yy = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      xy[i] = x[i] * y[i];
      xx[i] = x[i] * x[i];
      yy[i] = y[i] * y[i];
    }
    double[] mx = filter(x, size, g);
    double[] my = filter(y, size, g);
    double[] sxx = filter(xx, size, g);
    double[] syy = filter(yy, size, g);
    double[] sxy = filter(xy, size, g);
    double sum = 0;
    for (int i = 0; i < mx.length; i++) {
      double vx = sxx[i] - mx[i] * mx[i];
      double vy = syy[i] - my[i] * my[i];
      double cov = sxy[i] - mx[i] * my[i];
      sum += (2 * mx[i] * my[i] + C1) * (2 * cov + C2) / ((mx[i] * mx[i] + my[i] * my[i] + C1) * (vx + vy + C2));
    }
    return sum / mx.length;
  }

  /** Channel mean on the 8-bit scale, the method's output clipped to [−1, 1] first. */
  private static double[] luminance(float[] images, int index, int channels, int size) {
    int plane = size * size;
    double[] out = new double[plane];
    int base = index * channels * plane;
    for (int c = 0; c < channels; c++) {
      for (int i = 0; i < plane; i++) {
        float v = Math.max(-1f, Math.min(1f, images[base + c * plane + i]));
        out[i] += (v + 1) * 127.5 / channels;
      }
    }
    return out;
  }

  private static double[] gaussian(int w) {
    double[] g = new double[w];
    double sum = 0;
    for (int i = 0; i < w; i++) {
      double d = i - (w - 1) / 2.0;
      g[i] = Math.exp(-d * d / (2 * SIGMA * SIGMA));
      sum += g[i];
    }
    for (int i = 0; i < w; i++) {
      g[i] /= sum;
    }
    return g;
  }

  /** Valid 2-D filtering with the separable window: rows, then columns. (size−w+1)² outputs. */
  private static double[] filter(double[] image, int size, double[] g) {
    int w = g.length;
    int out = size - w + 1;
    double[] rows = new double[size * out];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < out; x++) {
        double s = 0;
        for (int i = 0; i < w; i++) {
          s += g[i] * image[y * size + x + i];
        }
        rows[y * out + x] = s;
      }
    }
    double[] result = new double[out * out];
    for (int y = 0; y < out; y++) {
      for (int x = 0; x < out; x++) {
        double s = 0;
        for (int i = 0; i < w; i++) {
          s += g[i] * rows[(y + i) * out + x];
        }
        result[y * out + x] = s;
      }
    }
    return result;
  }
}
