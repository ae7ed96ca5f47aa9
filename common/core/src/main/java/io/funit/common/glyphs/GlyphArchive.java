package io.funit.common.glyphs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A zip of a text or alphabet translation's glyphs, one file per character, named by code point so that names
 * differ on case-insensitive file systems ({@code U+0041_A.png}, {@code U+0061_a.png}; {@code U+0021.png} for
 * characters that are not letters or digits).
 */
public final class GlyphArchive {
  private GlyphArchive() {}

  /** One glyph's encoded image. */
  public record Entry(String character, byte[] bytes) {}

  public static String fileName(String character, String extension) {
    int cp = character.codePointAt(0);
    String hex = String.format("U+%04X", cp);
    boolean plain = cp < 128 && Character.isLetterOrDigit(cp);
    return hex + (plain ? "_" + character : "") + "." + extension;
  }

  public static byte[] zip(List<Entry> entries, String extension) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Entry entry : entries) {
        ZipEntry file = new ZipEntry(fileName(entry.character(), extension));
        file.setTime(0); // the same glyphs give the same bytes: a redelivered job rewrites an identical object
        zip.putNextEntry(file);
        zip.write(entry.bytes());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
