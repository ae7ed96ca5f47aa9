package io.funit.common.eval.baselines;

/**
 * The three non-learned translations. Images are (channels, size, size) planes in [−1, 1], flattened; K class
 * images of one translation are consecutive.
 */
public final class Baselines {
  private Baselines() {}

  /** copy_content: the content image itself (what a model that ignores the class images would do). */
  public static void copyContent(float[] content, int co, float[] out, int oo, int stride) {
    System.arraycopy(content, co, out, oo, stride);
  }

  /** class_mean: the pixel mean of the K class images (for K = 1 the class image itself). */
  public static void classMean(float[] classImages, int ci, int k, float[] out, int oo, int stride) {
    for (int i = 0; i < stride; i++) {
      double sum = 0;
      for (int j = 0; j < k; j++) {
        sum += classImages[ci + j * stride + i];
      }
      out[oo + i] = (float) (sum / k);
    }
  }

  /**
   * styling_only: per channel, the content image shifted and scaled so that its pixel mean and standard deviation
   * become those of the K class images' pixels together (colour transfer by moment matching, i.e. AdaIN in pixel
   * space), clipped to [−1, 1]. A flat content channel takes the class mean.
   */
  public static void stylingOnly(float[] content, int co, float[] classImages, int ci, int k, int channels,
      int plane, float[] out, int oo) {
    for (int c = 0; c < channels; c++) {
      double[] target = moments(classImages, ci, k, channels * plane, c * plane, plane);
      double[] source = moments(content, co, 1, channels * plane, c * plane, plane);
      double scale = source[1] > 1e-6 ? target[1] / source[1] : 0;
      for (int i = 0; i < plane; i++) {
        double v = target[0] + (content[co + c * plane + i] - source[0]) * scale;
        out[oo + c * plane + i] = (float) Math.max(-1, Math.min(1, v));
      }
    }
  }

  /** Mean and (population) standard deviation of one channel over {@code count} images of {@code stride} values. */
  static double[] moments(float[] images, int offset, int count, int stride, int channelOffset, int plane) {
    double sum = 0;
    double squares = 0;
    for (int j = 0; j < count; j++) {
      int base = offset + j * stride + channelOffset;
      for (int i = 0; i < plane; i++) {
        double v = images[base + i];
        sum += v;
        squares += v * v;
      }
    }
    double n = (double) count * plane;
    double mean = sum / n;
    return new double[] {mean, Math.sqrt(Math.max(0, squares / n - mean * mean))};
  }
}
