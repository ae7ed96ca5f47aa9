package io.funit.common.eval;

import io.funit.common.dataset.ClassShards;
import io.funit.common.dataset.DatasetClass;
import io.funit.common.dataset.DatasetDirectory;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.dataset.sampler.ClassImageCache;
import io.funit.common.dataset.sampler.KShotSampler;
import io.funit.common.dataset.sampler.Preprocessing;
import io.funit.common.dataset.sampler.ShardSource;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A small real glyph dataset for the tests: the machine's fonts through AWT's logical names (they map to installed
 * faces), one class per face, gray PNGs in the layout of a font dataset; the last {@code heldOut} faces are held out.
 */
public final class GlyphDatasets {
  public static final List<Font> FACES = List.of(new Font(Font.SERIF, Font.PLAIN, 1),
      new Font(Font.SANS_SERIF, Font.BOLD, 1), new Font(Font.MONOSPACED, Font.PLAIN, 1),
      new Font(Font.SERIF, Font.ITALIC, 1), new Font(Font.SANS_SERIF, Font.PLAIN, 1),
      new Font(Font.MONOSPACED, Font.BOLD, 1), new Font(Font.SERIF, Font.BOLD | Font.ITALIC, 1));

  private GlyphDatasets() {}

  public static DatasetManifest write(Path root, int faces, int heldOut, String characters, int size)
      throws IOException {
    DatasetDirectory dir = new DatasetDirectory(root);
    List<DatasetClass> classes = new ArrayList<>();
    List<String> contents = characters.chars().mapToObj(c -> String.valueOf((char) c)).toList();
    for (int f = 0; f < faces; f++) {
      List<ClassShards.NamedImage> images = new ArrayList<>();
      for (int i = 0; i < contents.size(); i++) {
        images.add(new ClassShards.NamedImage(String.format("%03d.png", i), png(FACES.get(f), characters.charAt(i),
            size)));
      }
      String shard = dir.writeShard(f, images);
      classes.add(new DatasetClass(f, "face-" + f, f >= faces - heldOut ? DatasetManifest.SPLIT_TEST
          : DatasetManifest.SPLIT_TRAIN, images.size(), shard, images.stream().map(ClassShards.NamedImage::name)
          .toList(), source(FACES.get(f))));
    }
    DatasetManifest manifest = new DatasetManifest(1, "glyphs-test", DatasetManifest.KIND_FONTS, "test glyphs",
        size, "gray", contents, 1, classes);
    dir.writeManifest(manifest);
    return manifest;
  }

  /** A provenance naming the face as a font package would, so that evaluations find its style groups. */
  static DatasetClass.ClassSource source(Font face) {
    String[] family = switch (face.getFamily()) {
      case Font.SERIF -> new String[] {"Test Serif", "serif"};
      case Font.SANS_SERIF -> new String[] {"Test Sans", "sans"};
      default -> new String[] {"Test Mono", "monospace"};
    };
    String weight = face.isBold() ? " Bold" : "";
    String slant = face.isItalic() ? " Italic" : "";
    String name = family[0] + (weight.isEmpty() && slant.isEmpty() ? " Regular" : weight + slant);
    return new DatasetClass.ClassSource("java:" + face.getFamily(), null, null, name, family[0], null, family[1]);
  }

  public static KShotSampler sampler(Path root, int size) {
    return new KShotSampler(new ClassImageCache(ShardSource.local(new DatasetDirectory(root)), 16L << 20),
        new Preprocessing(size, size));
  }

  private static byte[] png(Font face, char c, int size) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(glyph(face, c, size), "png", out);
    return out.toByteArray();
  }

  /** The glyph as the model sees it: (3, size, size) in [−1, 1], black (−1) on white (1). */
  public static float[] planes(Font face, char c, int size) {
    BufferedImage image = glyph(face, c, size);
    float[] planes = new float[3 * size * size];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        float v = image.getRaster().getSample(x, y, 0) / 255f * 2 - 1;
        for (int ch = 0; ch < 3; ch++) {
          planes[ch * size * size + y * size + x] = v;
        }
      }
    }
    return planes;
  }

  private static BufferedImage glyph(Font face, char c, int size) {
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, size, size);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(face.deriveFont(size * 0.75f));
    FontMetrics metrics = g.getFontMetrics();
    g.setColor(Color.BLACK);
    String text = String.valueOf(c);
    g.drawString(text, (size - metrics.stringWidth(text)) / 2, (size - metrics.getHeight()) / 2 + metrics.getAscent());
    g.dispose();
    return image;
  }
}
