package io.funit.common.dataset.fonts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the licence of a package from its machine-readable (DEP-5) {@code usr/share/doc/<pkg>/copyright}: the short
 * names on the {@code License:} lines of the {@code Files:} paragraphs, leaving out the paragraphs that cover only
 * the packaging ({@code debian/*}), since the dataset redistributes the fonts, not the packaging.
 */
final class DebianCopyright {
  static final String UNKNOWN = "see copyright file";

  private DebianCopyright() {}

  /** The licence short names joined with " and ", or {@value #UNKNOWN} for a missing or free-form file. */
  static String licence(Path copyrightFile) {
    List<String> lines;
    try {
      if (!Files.isRegularFile(copyrightFile)) {
        return UNKNOWN;
      }
      lines = Files.readAllLines(copyrightFile, StandardCharsets.UTF_8);
    } catch (IOException | java.io.UncheckedIOException e) {
      return UNKNOWN; // a copyright file in another encoding is still "see copyright file", not a failed build
    }
    if (lines.stream().noneMatch(l -> l.startsWith("Format:"))) {
      return UNKNOWN;
    }
    Set<String> licences = new LinkedHashSet<>();
    for (List<String> paragraph : paragraphs(lines)) {
      String files = field(paragraph, "Files:");
      String licence = field(paragraph, "License:");
      if (files != null && licence != null && !licence.isEmpty() && !packagingOnly(files)) {
        licences.add(licence);
      }
    }
    return licences.isEmpty() ? UNKNOWN : String.join(" and ", licences);
  }

  private static boolean packagingOnly(String files) {
    for (String pattern : files.trim().split("\\s+")) {
      if (!pattern.startsWith("debian/")) {
        return false;
      }
    }
    return true;
  }

  private static List<List<String>> paragraphs(List<String> lines) {
    List<List<String>> paragraphs = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank()) {
        if (!current.isEmpty()) {
          paragraphs.add(current);
          current = new ArrayList<>();
        }
      } else {
        current.add(line);
      }
    }
    if (!current.isEmpty()) {
      paragraphs.add(current);
    }
    return paragraphs;
  }

  /** The first line's value of a field; continuation lines (license text) are ignored. */
  private static String field(List<String> paragraph, String name) {
    for (String line : paragraph) {
      if (line.regionMatches(true, 0, name, 0, name.length())) {
        return line.substring(name.length()).trim();
      }
    }
    return null;
  }
}
