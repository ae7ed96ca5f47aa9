package io.funit.common.dataset.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PreprocessingTest {
  @Test
  void grayGlyphsMapBlackToMinusOneAndWhiteToOneOnAllThreeChannels() throws Exception {
    BufferedImage glyph = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
    var g = glyph.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 8, 8);
    g.setColor(Color.BLACK);
    g.fillRect(0, 0, 4, 8); // left half black
    g.dispose();
    float[] out = new float[3 * 64];
    new Preprocessing(8, 8).plain(png(glyph), out, 0);
    for (int c = 0; c < 3; c++) {
      assertThat(out[c * 64]).isEqualTo(-1f);
      assertThat(out[c * 64 + 7]).isEqualTo(1f);
    }
  }

  @Test
  void aGrayImageOfTheModelSizeGivesWhatDrawingItOnRgbGives() throws Exception {
    // every gray level, in a shuffled order: the raster read must match Java2D's gray-to-RGB copy exactly
    int size = 32;
    BufferedImage gray = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
    Random random = new Random(7);
    for (int i = 0; i < size * size; i++) {
      gray.getRaster().setSample(i % size, i / size, 0, (i * 37 + random.nextInt(3)) & 0xff);
    }
    BufferedImage decoded = ImageIO.read(new java.io.ByteArrayInputStream(png(gray)));
    assertThat(decoded.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
    float[] fast = new float[3 * size * size];
    new Preprocessing(size, size).plain(decoded, fast, 0);

    BufferedImage drawn = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    var g = drawn.createGraphics();
    g.drawImage(decoded, 0, 0, size, size, null);
    g.dispose();
    float[] viaRgb = new float[3 * size * size];
    new Preprocessing(size, size).plain(drawn, viaRgb, 0);
    assertThat(fast).containsExactly(viaRgb);
  }

  @Test
  void trainingCropsToTheModelSizeFromTheResizedImageAndFlipsAboutHalfTheTime() throws Exception {
    // 40×20 image: left half black, right half white; resized shorter side to 20 keeps 40×20, crop 16×16
    BufferedImage image = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 40, 20);
    g.setColor(Color.BLACK);
    g.fillRect(0, 0, 20, 20);
    g.dispose();
    byte[] encoded = png(image);
    Preprocessing pre = new Preprocessing(16, 20);
    Random random = new Random(1);
    int leftDarkerThanRight = 0;
    for (int trial = 0; trial < 200; trial++) {
      float[] out = new float[3 * 256];
      pre.train(encoded, random, out, 0);
      for (float v : out) {
        assertThat(v).isBetween(-1f, 1f);
      }
      if (out[0] < out[15]) {
        leftDarkerThanRight++;
      }
    }
    assertThat(leftDarkerThanRight).isBetween(60, 140); // flipped in about half of the draws
  }

  private static byte[] png(BufferedImage image) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
