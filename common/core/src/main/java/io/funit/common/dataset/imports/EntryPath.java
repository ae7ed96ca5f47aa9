package io.funit.common.dataset.imports;

import java.util.Arrays;
import java.util.List;

/**
 * Checks an archive entry's path before anything is done with it: absolute paths, drive letters, {@code ..}
 * segments and control characters are refused (path traversal), hidden and system files are skipped, and the
 * rest is split into folders and a file name. Paths are never used to build a file-system path: staged files get
 * numeric names.
 */
final class EntryPath {
  private EntryPath() {}

  /** A parsed path, or the reason it is skipped. */
  record Parsed(List<String> folder, String fileName, String problemKind, String problem) {}

  static Parsed parse(String raw) {
    String path = raw.replace('\\', '/');
    if (path.startsWith("/") || path.matches("^[A-Za-z]:.*") || path.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
      return unsafe("absolute path or control characters");
    }
    while (path.startsWith("./")) {
      path = path.substring(2);
    }
    List<String> segments = Arrays.asList(path.split("/+"));
    if (segments.stream().anyMatch(s -> s.equals(".."))) {
      return unsafe("path traversal ('..' segment)");
    }
    if (segments.stream().anyMatch(s -> s.startsWith(".") || s.equals("__MACOSX") || s.equalsIgnoreCase("Thumbs.db"))) {
      return new Parsed(null, null, "hidden", "hidden or system file");
    }
    if (segments.size() < 2) {
      return new Parsed(null, null, "bad-layout", "not inside a class folder (expected class/image)");
    }
    if (segments.size() > 3) {
      return new Parsed(null, null, "bad-layout", "nested too deep: expected class/image");
    }
    if (segments.stream().anyMatch(s -> s.length() > 200)) {
      return new Parsed(null, null, "bad-layout", "a name is longer than 200 characters");
    }
    return new Parsed(segments.subList(0, segments.size() - 1), segments.get(segments.size() - 1), null, null);
  }

  private static Parsed unsafe(String why) {
    return new Parsed(null, null, "unsafe-path", "unsafe path refused: " + why);
  }
}
