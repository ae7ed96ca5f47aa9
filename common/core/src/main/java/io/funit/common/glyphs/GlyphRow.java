package io.funit.common.glyphs;

import io.funit.common.dataset.sampler.Preprocessing;
import io.funit.common.imaging.ImageBytes;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/** A content font's glyphs as one gray PNG row: glyph i of an S-pixel font at x = i·S. */
public final class GlyphRow {
  private final BufferedImage row;
  private final int size;

  private GlyphRow(BufferedImage row, int size) {
    if (row.getHeight() != size || row.getWidth() % size != 0) {
      throw new IllegalArgumentException("a glyph row of " + size + "-pixel glyphs is " + size + " pixels high and "
          + "a multiple of " + size + " wide, got " + row.getWidth() + "×" + row.getHeight());
    }
    this.row = row;
    this.size = size;
  }

  /** Decodes a stored row. */
  public static GlyphRow decode(byte[] png, int size) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      if (image == null) {
        throw new IllegalArgumentException("the content font's glyph row is not a decodable image");
      }
      return new GlyphRow(image, size);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The glyphs side by side, each resized to S×S, as a gray PNG. */
  public static byte[] encode(List<BufferedImage> glyphs, int size) {
    BufferedImage row = new BufferedImage(size * glyphs.size(), size, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = row.createGraphics();
    try {
      g.setColor(java.awt.Color.WHITE);
      g.fillRect(0, 0, row.getWidth(), size);
      for (int i = 0; i < glyphs.size(); i++) {
        g.drawImage(glyphs.get(i), i * size, 0, size, size, null);
      }
    } finally {
      g.dispose();
    }
    return ImageBytes.png(row);
  }

  public int count() {
    return row.getWidth() / size;
  }

  public BufferedImage glyph(int index) {
    return row.getSubimage(index * size, 0, size, size);
  }

  /** The glyphs at {@code indices} as model input: {@code indices.size() · 3·S·S} values in [−1, 1]. */
  public float[] planes(List<Integer> indices) {
    Preprocessing preprocessing = new Preprocessing(size, size);
    int plane = 3 * size * size;
    float[] out = new float[indices.size() * plane];
    for (int i = 0; i < indices.size(); i++) {
      preprocessing.plain(glyph(indices.get(i)), out, i * plane);
    }
    return out;
  }
}
