package io.funit.common.dataset.fonts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The font lists shipped as resources (from the dataset survey, docs/datasets.md): {@code fonts-latin-curated.tsv}
 * (931 legible Latin families, with a header) and {@code fonts-latin-starter300.txt} (a balanced 300-font set).
 */
final class CuratedFontList {
  static final String CURATED = "fonts-latin-curated.tsv";
  static final String STARTER_300 = "fonts-latin-starter300.txt";

  private CuratedFontList() {}

  /** One listed file: its package, its absolute path as installed, and the survey's style guess. */
  record Entry(String packageName, String installedPath, String style) {
    /** The path inside the package, as {@code dpkg-deb -x} lays it out. */
    String file() {
      return installedPath.startsWith("/") ? installedPath.substring(1) : installedPath;
    }
  }

  /** The curated TSV's columns: package, path, java_family, face, style_guess, legibility, identical images. */
  static List<Entry> curated() {
    return read(CURATED, true, 4);
  }

  /** The starter list's columns: package, path, style. */
  static List<Entry> starter300() {
    return read(STARTER_300, false, 2);
  }

  private static List<Entry> read(String resource, boolean header, int styleColumn) {
    InputStream stream = CuratedFontList.class.getResourceAsStream(resource);
    if (stream == null) {
      throw new IllegalStateException("font list resource missing: " + resource);
    }
    List<Entry> entries = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        if ((header && number == 1) || line.isBlank()) {
          continue;
        }
        String[] columns = line.split("\t");
        if (columns.length <= styleColumn) {
          throw new IllegalStateException(resource + " line " + number + ": expected at least "
              + (styleColumn + 1) + " tab-separated columns");
        }
        entries.add(new Entry(columns[0], columns[1], columns[styleColumn]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
    return entries;
  }
}
