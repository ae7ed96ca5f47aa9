package io.funit.common.dataset.imports;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds real archives and images (valid, truncated, not images) for import tests. */
public final class TestArchives {
  private TestArchives() {}

  /** A w×h image whose colour depends on {@code seed}, encoded as {@code format} (png, jpg, gif, bmp). */
  public static byte[] image(String format, int w, int h, int seed) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(Color.HSBtoRGB(seed * 0.13f, 0.7f, 0.9f)));
    g.fillRect(0, 0, w, h);
    g.setColor(Color.BLACK);
    g.fillOval(w / 4, h / 4, w / 2, h / 2 + seed % 5);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalArgumentException("no writer for " + format);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The first 60% of an image's bytes: a truncated file. */
  public static byte[] truncated(byte[] bytes) {
    return Arrays.copyOf(bytes, bytes.length * 6 / 10);
  }

  /** A zip with the given entries, in order (names are written as given, traversal included). */
  public static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
    try (OutputStream raw = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(raw)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return file;
  }

  /** A tar.gz with the entries, plus a symbolic link {@code linkName} → {@code /etc/passwd}. */
  public static Path tarGz(Path file, Map<String, byte[]> entries, String linkName) throws IOException {
    try (OutputStream raw = Files.newOutputStream(file); GzipCompressorOutputStream gz = new GzipCompressorOutputStream(raw);
         TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
        entry.setSize(e.getValue().length);
        tar.putArchiveEntry(entry);
        tar.write(e.getValue());
        tar.closeArchiveEntry();
      }
      if (linkName != null) {
        TarArchiveEntry link = new TarArchiveEntry(linkName, TarArchiveEntry.LF_SYMLINK);
        link.setLinkName("/etc/passwd");
        tar.putArchiveEntry(link);
        tar.closeArchiveEntry();
      }
    }
    return file;
  }
}
