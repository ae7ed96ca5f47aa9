package io.funit.common.glyphs;

import io.funit.common.translate.TranslationText;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Composes translated glyphs (dark ink on white, S×S) into one sheet: a text as its lines, each glyph advancing by
 * its ink's width (glyph images are centred in their cells, so cells set side by side would space every letter
 * like a monospace face); or an alphabet as a grid of cells, 26 to a row so that A–Z, a–z and 0–9 each start one.
 */
public final class TextSheet {
  /** A pixel darker than this (0..255) is ink. */
  private static final int INK = 160;
  private static final int GRID_COLUMNS = 26;

  private TextSheet() {}

  /**
   * The text's lines: spaces advance by a third of S, a tab by four spaces; a line break starts a new line.
   *
   * @param glyphs the image of every character of the text that is not blank
   */
  public static BufferedImage text(String text, Map<String, BufferedImage> glyphs, int size) {
    int gap = Math.max(1, size / 10);
    int space = Math.max(2, size / 3);
    int margin = Math.max(2, size / 4);
    int lineHeight = size + size / 8;
    List<List<Placed>> lines = new ArrayList<>();
    List<Placed> line = new ArrayList<>();
    int x = 0;
    int widest = 0;
    for (String character : TranslationText.characters(text)) {
      if (character.equals("\n")) {
        lines.add(line);
        line = new ArrayList<>();
        widest = Math.max(widest, x);
        x = 0;
      } else if (TranslationText.isBlank(character)) {
        x += character.equals("\t") ? 4 * space : space;
      } else {
        BufferedImage glyph = glyphs.get(character);
        int[] ink = inkColumns(glyph);
        line.add(new Placed(glyph, x - ink[0]));
        x += ink[1] - ink[0] + 1 + gap;
      }
    }
    lines.add(line);
    widest = Math.max(widest, x);
    BufferedImage sheet = blank(Math.max(size, widest) + 2 * margin, lines.size() * lineHeight + 2 * margin);
    Graphics2D g = sheet.createGraphics();
    try {
      for (int i = 0; i < lines.size(); i++) {
        for (Placed placed : lines.get(i)) {
          g.drawImage(placed.glyph(), margin + placed.x(), margin + i * lineHeight, null);
        }
      }
    } finally {
      g.dispose();
    }
    return sheet;
  }

  /** The glyphs in order, in rows of 26 cells. */
  public static BufferedImage grid(List<BufferedImage> glyphs, int size) {
    int gap = Math.max(1, size / 8);
    int columns = Math.min(GRID_COLUMNS, glyphs.size());
    int rows = (glyphs.size() + columns - 1) / columns;
    BufferedImage sheet = blank(columns * (size + gap) + gap, rows * (size + gap) + gap);
    Graphics2D g = sheet.createGraphics();
    try {
      for (int i = 0; i < glyphs.size(); i++) {
        g.drawImage(glyphs.get(i), gap + (i % columns) * (size + gap), gap + (i / columns) * (size + gap), null);
      }
    } finally {
      g.dispose();
    }
    return sheet;
  }

  /** The first and last column holding ink; a glyph without ink spans its middle half. */
  static int[] inkColumns(BufferedImage glyph) {
    int first = -1;
    int last = -1;
    for (int x = 0; x < glyph.getWidth(); x++) {
      for (int y = 0; y < glyph.getHeight(); y++) {
        if ((glyph.getRGB(x, y) & 0xff) < INK) {
          first = first < 0 ? x : first;
          last = x;
          break;
        }
      }
    }
    return first < 0 ? new int[] {glyph.getWidth() / 4, glyph.getWidth() * 3 / 4} : new int[] {first, last};
  }

  private static BufferedImage blank(int width, int height) {
    BufferedImage sheet = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = sheet.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return sheet;
  }

  private record Placed(BufferedImage glyph, int x) {}
}
