package io.funit.common.imaging;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Java images as encoded bytes, the one way every grid, sheet and output is written. */
public final class ImageBytes {
  private ImageBytes() {}

  public static byte[] png(BufferedImage image) {
    return encode(image, "png");
  }

  /** @param format an ImageIO format name: png or jpeg */
  public static byte[] encode(BufferedImage image, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to memory: only a codec bug gets here
    }
    return out.toByteArray();
  }
}
