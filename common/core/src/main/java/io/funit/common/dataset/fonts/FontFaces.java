package io.funit.common.dataset.fonts;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Loads every face of a font file: TTF and OTF give one, TTC/OTC collections several, WOFF 1.0 is decoded first. */
final class FontFaces {
  private FontFaces() {}

  /**
   * The faces of a file, from its bytes (already read for duplicate detection).
   *
   * @throws IOException naming the file when it is WOFF 2.0 or cannot be parsed
   */
  static List<Font> load(Path file, byte[] bytes, String name) throws IOException {
    if (name.toLowerCase(Locale.ROOT).endsWith(".woff2") && !Woff1.isWoff(bytes)) {
      throw new IOException(name + ": not a WOFF 2.0 file despite its name");
    }
    try {
      // createFonts reads collections as all their faces and single fonts as one; WOFF goes through a stream
      // (AWT copies it to a temporary file), everything else loads straight from disk
      Font[] faces = Woff1.isWoff(bytes)
          ? Font.createFonts(new ByteArrayInputStream(Woff1.decode(bytes, name)))
          : Font.createFonts(file.toFile());
      return List.of(faces);
    } catch (FontFormatException e) {
      throw new IOException(name + ": not a loadable TrueType/OpenType font: " + e.getMessage(), e);
    }
  }
}
