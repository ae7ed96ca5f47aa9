package io.funit.translate.job;

import io.funit.common.imaging.ImagePlanes;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Encodes translations as PNG or JPEG, gray for models of gray data (fonts), RGB otherwise. */
final class OutputImages {
  private OutputImages() {}

  static byte[] encode(float[] images, int index, int size, boolean gray, String format) {
    BufferedImage image = ImagePlanes.toImage(images, index, size, gray);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format.equals("jpeg") ? "jpeg" : "png", out)) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static String contentType(String format) {
    return format.equals("jpeg") ? "image/jpeg" : "image/png";
  }
}
