package io.funit.deploy.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;

/** Glyph PNGs drawn with the JDK's logical fonts: real, small images to submit, without any dataset. */
public final class BenchImages {
  private BenchImages() {}

  public static byte[] glyph(char c, int size, int style) throws IOException {
    return glyph(c, size, Font.SERIF, style);
  }

  /** A glyph in one of the JDK's logical font families ({@link Font#SERIF}, {@link Font#MONOSPACED}, ...). */
  public static byte[] glyph(char c, int size, String family, int style) throws IOException {
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, size, size);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.BLACK);
      g.setFont(new Font(family, style, size * 3 / 4));
      var metrics = g.getFontMetrics();
      g.drawString(String.valueOf(c), (size - metrics.charWidth(c)) / 2, (size + metrics.getAscent()) / 2 - 4);
    } finally {
      g.dispose();
    }
    return io.funit.common.imaging.ImageBytes.png(image);
  }
}
