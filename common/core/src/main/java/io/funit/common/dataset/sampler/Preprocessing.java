package io.funit.common.dataset.sampler;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Turns an encoded image into a (3, S, S) float array in [−1, 1] (spec G13). Training with augmentation:
 * horizontal flip (p = 0.5), then the shorter side resized to {@code resizeTo} (bilinear, aspect kept), then a
 * random S×S crop, in that order. Without augmentation (glyphs, evaluation): resized to S×S, both sides.
 * Grayscale images are repeated over the 3 channels; alpha is composited on white.
 */
public final class Preprocessing {
  private final int size;
  private final int resizeTo;

  /**
   * @param size the model's image side S
   * @param resizeTo the shorter side before the random crop (official: 140 for S = 128)
   */
  public Preprocessing(int size, int resizeTo) {
    if (resizeTo < size) {
      throw new IllegalArgumentException("resize side " + resizeTo + " is smaller than the crop " + size);
    }
    this.size = size;
    this.resizeTo = resizeTo;
  }

  /** The official ratio 140/128 applied to any size. */
  public static Preprocessing forSize(int size) {
    return new Preprocessing(size, Math.round(size * 140f / 128f));
  }

  public int size() {
    return size;
  }

  /** Fills {@code out[offset ..< offset + 3·S·S]}. */
  public void train(byte[] encoded, Random random, float[] out, int offset) {
    BufferedImage image = decode(encoded);
    boolean flip = random.nextBoolean();
    int w = image.getWidth();
    int h = image.getHeight();
    double scale = (double) resizeTo / Math.min(w, h);
    int rw = Math.max(size, (int) Math.round(w * scale));
    int rh = Math.max(size, (int) Math.round(h * scale));
    int x0 = random.nextInt(rw - size + 1);
    int y0 = random.nextInt(rh - size + 1);
    BufferedImage resized = resize(image, rw, rh, flip);
    write(resized, x0, y0, out, offset);
  }

  /** Resizes to S×S without augmentation. */
  public void plain(byte[] encoded, float[] out, int offset) {
    plain(decode(encoded), out, offset);
  }

  /** Resizes an already decoded image to S×S without augmentation. */
  public void plain(BufferedImage image, float[] out, int offset) {
    boolean fits = image.getWidth() == size && image.getHeight() == size;
    if (fits && image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
      writeGray(image, out, offset);
      return;
    }
    BufferedImage resized = fits && image.getType() == BufferedImage.TYPE_INT_RGB ? image
        : resize(image, size, size, false);
    write(resized, 0, 0, out, offset);
  }

  /**
   * A gray image already S×S, read from its raster: the same values as drawing it on RGB and reading that (Java2D
   * copies a gray level into all three channels), without the drawing, which cost a serving worker more than
   * the PNG decode (glyphs arrive this way).
   */
  private void writeGray(BufferedImage image, float[] out, int offset) {
    int plane = size * size;
    byte[] levels = new byte[plane];
    image.getRaster().getDataElements(0, 0, size, size, levels);
    for (int i = 0; i < plane; i++) {
      float v = normalized(levels[i] & 0xff);
      out[offset + i] = v;
      out[offset + plane + i] = v;
      out[offset + 2 * plane + i] = v;
    }
  }

  private void write(BufferedImage image, int x0, int y0, float[] out, int offset) {
    int plane = size * size;
    int[] rgb = image.getRGB(x0, y0, size, size, null, 0, size);
    for (int i = 0; i < plane; i++) {
      int p = rgb[i];
      out[offset + i] = normalized((p >> 16) & 0xff);
      out[offset + plane + i] = normalized((p >> 8) & 0xff);
      out[offset + 2 * plane + i] = normalized(p & 0xff);
    }
  }

  /** A channel level 0..255 in [−1, 1], as ToTensor then Normalize(0.5, 0.5) gives it. */
  private static float normalized(int level) {
    return level / 127.5f - 1f;
  }

  private static BufferedImage resize(BufferedImage image, int w, int h, boolean flip) {
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(java.awt.Color.WHITE);
      g.fillRect(0, 0, w, h);
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      if (flip) {
        g.drawImage(image, w, 0, -w, h, null);
      } else {
        g.drawImage(image, 0, 0, w, h, null);
      }
    } finally {
      g.dispose();
    }
    return out;
  }

  private static BufferedImage decode(byte[] encoded) {
    try {
      BufferedImage image = ImageIO.read(new javax.imageio.stream.MemoryCacheImageInputStream(new ByteArrayInputStream(encoded)));
      if (image == null) {
        throw new IOException("not a decodable image");
      }
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
