package io.funit.common.imaging;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Java images as encoded bytes, the one way every grid, sheet and output is written. */
public final class ImageBytes {
  private ImageBytes() {}

  public static byte[] png(BufferedImage image) {
    return encode(image, "png");
  }

  /**
   * @param format an ImageIO format name: png or jpeg. The stream caches in memory: given a plain OutputStream,
   *     ImageIO caches through a temporary file, a file created and deleted for every translation's output.
   */
  public static byte[] encode(BufferedImage image, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      if (!ImageIO.write(image, format, stream)) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // writing to memory: only a codec bug gets here
    }
    return out.toByteArray();
  }
}
