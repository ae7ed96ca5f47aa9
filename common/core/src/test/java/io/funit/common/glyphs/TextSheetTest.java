package io.funit.common.glyphs;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

class TextSheetTest {
  private static final int S = 32;

  /** A glyph with a black bar from column x0 to x1. */
  private static BufferedImage bar(int x0, int x1) {
    BufferedImage glyph = new BufferedImage(S, S, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = glyph.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, S, S);
    g.setColor(Color.BLACK);
    g.fillRect(x0, 4, x1 - x0 + 1, S - 8);
    g.dispose();
    return glyph;
  }

  @Test
  void aTextAdvancesByEachGlyphsInkAndKeepsItsLines() {
    Map<String, BufferedImage> glyphs = Map.of("i", bar(14, 17), "m", bar(4, 27));
    BufferedImage oneLine = TextSheet.text("im", glyphs, S);
    int margin = S / 4;
    int gap = S / 10;
    assertThat(oneLine.getWidth()).isEqualTo(2 * margin + 4 + gap + 24 + gap);
    assertThat(oneLine.getHeight()).isEqualTo(2 * margin + S + S / 8);
    // the i's ink starts at the margin, not at its cell's 14th column
    assertThat(oneLine.getRGB(margin, margin + S / 2) & 0xff).isZero();
    assertThat(oneLine.getRGB(margin - 1, margin + S / 2) & 0xff).isEqualTo(255);

    BufferedImage spaced = TextSheet.text("i m", glyphs, S);
    assertThat(spaced.getWidth() - oneLine.getWidth()).as("a space advances S/3").isEqualTo(S / 3);
    BufferedImage twoLines = TextSheet.text("mm\ni", glyphs, S);
    assertThat(twoLines.getHeight()).isEqualTo(2 * margin + 2 * (S + S / 8));
    assertThat(twoLines.getWidth()).as("as wide as the widest line").isEqualTo(2 * margin + 2 * (24 + gap));
  }

  @Test
  void anAlphabetIsAGridOf26Columns() {
    List<BufferedImage> glyphs = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      glyphs.add(bar(10, 20));
    }
    BufferedImage grid = TextSheet.grid(glyphs, S);
    int gap = S / 8;
    assertThat(grid.getWidth()).isEqualTo(26 * (S + gap) + gap);
    assertThat(grid.getHeight()).isEqualTo(2 * (S + gap) + gap);
    assertThat(TextSheet.grid(glyphs.subList(0, 5), S).getWidth()).isEqualTo(5 * (S + gap) + gap);
  }

  @Test
  void archiveNamesDifferOnCaseInsensitiveFileSystemsAndTheSameGlyphsGiveTheSameBytes() throws Exception {
    assertThat(GlyphArchive.fileName("A", "png")).isEqualTo("U+0041_A.png");
    assertThat(GlyphArchive.fileName("a", "jpg")).isEqualTo("U+0061_a.jpg");
    assertThat(GlyphArchive.fileName("/", "png")).isEqualTo("U+002F.png");
    List<GlyphArchive.Entry> entries = List.of(new GlyphArchive.Entry("A", new byte[] {1, 2}),
        new GlyphArchive.Entry("a", new byte[] {3}));
    byte[] zip = GlyphArchive.zip(entries, "png");
    assertThat(GlyphArchive.zip(entries, "png")).isEqualTo(zip);
    List<String> names = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        names.add(e.getName());
      }
    }
    assertThat(names).containsExactly("U+0041_A.png", "U+0061_a.png");
  }

  @Test
  void aGlyphRowRoundTripsItsGlyphsAsModelInput() {
    byte[] png = GlyphRow.encode(List.of(bar(0, 3), bar(28, 31)), S);
    GlyphRow row = GlyphRow.decode(png, S);
    assertThat(row.count()).isEqualTo(2);
    float[] planes = row.planes(List.of(1, 0));
    int plane = S * S;
    assertThat(planes).hasSize(2 * 3 * plane);
    assertThat(planes[S * 16 + 30]).as("glyph 1 first: ink on the right").isEqualTo(-1f);
    assertThat(planes[S * 16 + 1]).isEqualTo(1f);
    assertThat(planes[3 * plane + S * 16 + 1]).as("then glyph 0: ink on the left").isEqualTo(-1f);
  }
}
