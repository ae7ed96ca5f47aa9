package io.funit.common.dataset.imports;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decides whether a file is an image we keep: a known format, dimensions within limits (read from the header,
 * before any pixel is decoded), and a full decode without errors or warnings (a truncated JPEG decodes "fine" in
 * ImageIO apart from a warning).
 */
public final class ImageValidator {
  private static final Set<String> FORMATS = Set.of("png", "jpeg", "gif", "bmp");

  private final ImportLimits limits;

  public ImageValidator(ImportLimits limits) {
    this.limits = limits;
  }

  /** A checked image: the bytes to store (PNG or JPEG as uploaded; GIF and BMP re-encoded as PNG). */
  public record ValidImage(String extension, int width, int height, byte[] bytes) {}

  /** Thrown for a file that is skipped; the message is the reason shown in the report. */
  public static final class RejectedFile extends Exception {
    public RejectedFile(String reason) {
      super(reason, null, false, false);
    }
  }

  public ValidImage validate(byte[] bytes) throws RejectedFile {
    return check(bytes).valid();
  }

  /** The checked image decoded, for callers that use its pixels right away (one decode instead of two). */
  public BufferedImage decode(byte[] bytes) throws RejectedFile {
    return check(bytes).image();
  }

  private record Checked(ValidImage valid, BufferedImage image) {}

  private Checked check(byte[] bytes) throws RejectedFile {
    try (ImageInputStream in = new javax.imageio.stream.MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new RejectedFile("not an image (unrecognised format)");
      }
      ImageReader reader = readers.next();
      try {
        String format = reader.getFormatName().toLowerCase(Locale.ROOT);
        format = format.equals("jpg") ? "jpeg" : format;
        if (!FORMATS.contains(format)) {
          throw new RejectedFile("unsupported image format " + format + " (PNG, JPEG, GIF or BMP)");
        }
        reader.setInput(in, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        checkDimensions(width, height);
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        BufferedImage image = reader.read(0);
        if (!warnings.isEmpty()) {
          throw new RejectedFile("corrupt or truncated image: " + warnings.get(0));
        }
        return new Checked(switch (format) {
          case "png" -> new ValidImage("png", width, height, bytes);
          case "jpeg" -> new ValidImage("jpg", width, height, bytes);
          default -> new ValidImage("png", width, height, png(image));
        }, image);
      } finally {
        reader.dispose();
      }
    } catch (RejectedFile e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new RejectedFile("corrupt or truncated image: " + describe(e));
    }
  }

  private void checkDimensions(int width, int height) throws RejectedFile {
    long pixels = (long) width * height;
    if (pixels > limits.maxPixels()) {
      throw new RejectedFile("image too large: " + width + "×" + height + " = " + pixels + " pixels (limit "
          + limits.maxPixels() + ")");
    }
    if (Math.min(width, height) < limits.minSide()) {
      throw new RejectedFile("image too small: " + width + "×" + height + " (shorter side at least "
          + limits.minSide() + ")");
    }
  }

  private static byte[] png(BufferedImage image) throws IOException {
    BufferedImage rgb = image;
    if (image.getColorModel().hasAlpha() || image.getType() == BufferedImage.TYPE_BYTE_INDEXED) {
      rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
      var g = rgb.createGraphics();
      g.setColor(java.awt.Color.WHITE); // transparent pixels become white, like the background of glyphs
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      g.drawImage(image, 0, 0, null);
      g.dispose();
    }
    return io.funit.common.imaging.ImageBytes.png(rgb);
  }

  private static String describe(Exception e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.length() > 200 ? message.substring(0, 200) : message;
  }
}
