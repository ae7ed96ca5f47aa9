package io.funit.common.funit.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/** Real glyphs of the machine's fonts (AWT's logical fonts map to installed faces), as FUNIT images. */
final class FontGlyphs {
  static final List<Font> FACES = List.of(new Font(Font.SERIF, Font.PLAIN, 1), new Font(Font.SANS_SERIF, Font.BOLD, 1),
      new Font(Font.MONOSPACED, Font.PLAIN, 1), new Font(Font.SERIF, Font.ITALIC, 1));

  private FontGlyphs() {}

  /** (3, size, size) in [−1, 1]: black glyph (−1) on white (1), centred. */
  static float[] render(Font face, char c, int size) {
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, size, size);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(face.deriveFont(size * 0.8f));
    FontMetrics metrics = g.getFontMetrics();
    g.setColor(Color.BLACK);
    String text = String.valueOf(c);
    g.drawString(text, (size - metrics.stringWidth(text)) / 2, (size - metrics.getHeight()) / 2 + metrics.getAscent());
    g.dispose();
    float[] out = new float[3 * size * size];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        float v = (image.getRaster().getSample(x, y, 0) / 255f) * 2 - 1;
        for (int ch = 0; ch < 3; ch++) {
          out[ch * size * size + y * size + x] = v;
        }
      }
    }
    return out;
  }

  static NDArray batch(NDManager m, int[] faces, char[] chars, int size) {
    float[] data = new float[faces.length * 3 * size * size];
    for (int i = 0; i < faces.length; i++) {
      System.arraycopy(render(FACES.get(faces[i]), chars[i], size), 0, data, i * 3 * size * size, 3 * size * size);
    }
    return m.create(data, new Shape(faces.length, 3, size, size));
  }
}
