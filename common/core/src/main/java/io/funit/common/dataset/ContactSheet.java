package io.funit.common.dataset;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Draws a contact sheet: one row per randomly chosen class (name at the left, its split in brackets), the same
 * image positions in every row so that, for fonts, a column is one character in many styles.
 */
public final class ContactSheet {
  private static final int LABEL_WIDTH = 220;

  private ContactSheet() {}

  /** One row: the class label and its images, already decoded. */
  public record Row(String label, List<BufferedImage> images) {}

  /** Picks {@code rows} classes at random (by seed) and returns their indices in the manifest. */
  public static List<Integer> pickClasses(DatasetManifest manifest, int rows, long seed) {
    List<Integer> indices = new ArrayList<>();
    for (DatasetClass c : manifest.classes()) {
      indices.add(c.index());
    }
    java.util.Collections.shuffle(indices, new Random(seed));
    List<Integer> picked = new ArrayList<>(indices.subList(0, Math.min(rows, indices.size())));
    picked.sort(null);
    return picked;
  }

  /** Renders the rows at {@code cell}×{@code cell} pixels per image as a PNG. */
  public static byte[] render(List<Row> rows, int cell) throws IOException {
    int columns = rows.stream().mapToInt(r -> r.images().size()).max().orElse(0);
    BufferedImage sheet = new BufferedImage(LABEL_WIDTH + columns * cell, Math.max(1, rows.size()) * cell,
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = sheet.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(9, Math.min(14, cell / 3))));
      for (int r = 0; r < rows.size(); r++) {
        Row row = rows.get(r);
        g.setColor(Color.DARK_GRAY);
        g.drawString(ellipsize(row.label(), 32), 4, r * cell + cell / 2 + 5);
        for (int c = 0; c < row.images().size(); c++) {
          g.drawImage(row.images().get(c), LABEL_WIDTH + c * cell, r * cell, cell, cell, null);
        }
        g.setColor(new Color(0xDDDDDD));
        g.drawLine(0, (r + 1) * cell - 1, sheet.getWidth(), (r + 1) * cell - 1);
      }
    } finally {
      g.dispose();
    }
    return io.funit.common.imaging.ImageBytes.png(sheet);
  }

  /** Decodes an encoded image, for rows built from shards. */
  public static BufferedImage decode(byte[] bytes) throws IOException {
    BufferedImage image = ImageIO.read(new javax.imageio.stream.MemoryCacheImageInputStream(new ByteArrayInputStream(bytes)));
    if (image == null) {
      throw new IOException("not a decodable image");
    }
    return image;
  }

  private static String ellipsize(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
