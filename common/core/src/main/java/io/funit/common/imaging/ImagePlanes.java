package io.funit.common.imaging;

import java.awt.image.BufferedImage;

/**
 * Draws model images, (3, S, S) float planes in [−1, 1] laid out channel after channel, into Java images. Values
 * map to (x + 1)·127.5 truncated to 0..255, as the official code converts them.
 */
public final class ImagePlanes {
  private ImagePlanes() {}

  public static int channel(float v) {
    return Math.max(0, Math.min(255, (int) ((v + 1) * 127.5f)));
  }

  /** Draws image {@code index} of {@code images} at ({@code x0}, {@code y0}) of {@code target}. */
  public static void draw(BufferedImage target, float[] images, int index, int size, int x0, int y0) {
    int plane = size * size;
    int base = index * 3 * plane;
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int p = base + y * size + x;
        int rgb = channel(images[p]) << 16 | channel(images[p + plane]) << 8 | channel(images[p + 2 * plane]);
        target.setRGB(x0 + x, y0 + y, rgb);
      }
    }
  }

  /** Image {@code index} alone: RGB, or 8-bit gray (the channels' mean) for models of gray data. */
  public static BufferedImage toImage(float[] images, int index, int size, boolean gray) {
    if (!gray) {
      BufferedImage rgb = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
      draw(rgb, images, index, size, 0, 0);
      return rgb;
    }
    int plane = size * size;
    int base = index * 3 * plane;
    BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
    byte[] pixels = ((java.awt.image.DataBufferByte) out.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < plane; i++) {
      float mean = (images[base + i] + images[base + plane + i] + images[base + 2 * plane + i]) / 3;
      pixels[i] = (byte) channel(mean);
    }
    return out;
  }

  /** Replaces each pixel's three channels by their mean, in place, for (B, 3, H, W) images flattened. */
  public static void toGray(float[] images, int plane) {
    for (int base = 0; base + 3 * plane <= images.length; base += 3 * plane) {
      for (int i = 0; i < plane; i++) {
        float mean = (images[base + i] + images[base + plane + i] + images[base + 2 * plane + i]) / 3;
        images[base + i] = mean;
        images[base + plane + i] = mean;
        images[base + 2 * plane + i] = mean;
      }
    }
  }
}
