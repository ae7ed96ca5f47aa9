package io.funit.common.glyphs;

import static org.assertj.core.api.Assertions.assertThat;

import io.funit.common.dataset.ClassShards;
import io.funit.common.dataset.DatasetClass;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.imaging.ImageBytes;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentFontChooserTest {
  private static final int S = 16;

  private static DatasetClass face(int index, String name, String split, String style) {
    return new DatasetClass(index, name, split, 2, DatasetClass.shardPath(index), List.of("000.png", "001.png"),
        new DatasetClass.ClassSource(null, "fonts-x", "x.ttf", name, name, "OFL-1.1", style));
  }

  @Test
  void plainMeansNoStyleWordInTheNameAndASerifOrSansStyle() {
    assertThat(ContentFontChooser.plain(face(0, "Noto Sans Regular", "train", "sans"))).isTrue();
    assertThat(ContentFontChooser.plain(face(0, "TeXGyreTermes-Regular", "train", null))).isTrue();
    assertThat(ContentFontChooser.plain(face(0, "Roboto", "train", null))).isTrue();
    assertThat(ContentFontChooser.plain(face(0, "Noto Sans Bold", "train", "sans"))).isFalse();
    assertThat(ContentFontChooser.plain(face(0, "LMSans10-BoldOblique", "train", null))).isFalse();
    assertThat(ContentFontChooser.plain(face(0, "SwitzeraADF-ExtraBoldItalic", "train", null))).isFalse();
    assertThat(ContentFontChooser.plain(face(0, "Zenith BRK", "train", null))).isFalse();
    assertThat(ContentFontChooser.plain(face(0, "JetBrains Mono Regular", "train", null))).isFalse();
    assertThat(ContentFontChooser.plain(face(0, "Kristi", "train", "script"))).isFalse();
  }

  /**
   * Four plain training faces with strokes of width 3, 4, 5 and 12, a bold one and a held-out one: the typical
   * plain face is the one nearest the per-pixel median (width 4 or 5), never the bold, the outlier or the test one.
   */
  @Test
  void theMostTypicalPlainTrainingFaceIsChosen(@TempDir Path dir) throws Exception {
    List<DatasetClass> classes = new ArrayList<>();
    int[] widths = {3, 4, 12, 5, 4, 4};
    String[] names = {"A Regular", "B Regular", "C Regular", "D Regular", "E Bold", "F Regular"};
    for (int i = 0; i < widths.length; i++) {
      DatasetClass c = face(i, names[i], i == 5 ? "test" : "train", null);
      classes.add(c);
      List<ClassShards.NamedImage> images = List.of(new ClassShards.NamedImage("000.png", stroke(widths[i])),
          new ClassShards.NamedImage("001.png", stroke(widths[i])));
      java.nio.file.Files.createDirectories(dir.resolve("classes"));
      ClassShards.write(dir.resolve(c.shard()), images);
    }
    DatasetManifest dataset = new DatasetManifest(1, "d", DatasetManifest.KIND_FONTS, "t", S, "gray",
        List.of("a", "b"), 1, classes);
    ContentFontChooser.Choice choice = ContentFontChooser.choose(dataset, c -> dir.resolve(c.shard()))
        .orElseThrow();
    assertThat(choice.face().name()).isIn("B Regular", "D Regular");
    assertThat(choice.glyphs()).hasSize(2);
    assertThat(choice.reason()).contains("4 have no style word");

    DatasetManifest images = new DatasetManifest(1, "d", DatasetManifest.KIND_IMAGES, "t", 0, "rgb", List.of(), 1,
        classes);
    assertThat(ContentFontChooser.choose(images, c -> dir.resolve(c.shard()))).isEmpty();
  }

  private static byte[] stroke(int width) {
    BufferedImage glyph = new BufferedImage(S, S, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = glyph.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, S, S);
    g.setColor(Color.BLACK);
    g.fillRect(2, 2, width, S - 4);
    g.dispose();
    return ImageBytes.png(glyph);
  }
}
