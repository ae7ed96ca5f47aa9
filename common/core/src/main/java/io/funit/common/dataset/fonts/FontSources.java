package io.funit.common.dataset.fonts;

import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Turns build options into the font files to consider: a preset's packages fetched through
 * {@link DebianFontFetcher} (with their licences), or every font file of a folder. When fonts-aenigma is among the
 * inputs it also fetches the legibility screen's reference fonts, in the same apt call.
 */
final class FontSources {
  /** The reference fonts of the legibility screen: package and file name. */
  private static final List<String[]> REFERENCES = List.of(
      new String[] {"fonts-dejavu-core", "DejaVuSans.ttf"}, new String[] {"fonts-dejavu-core", "DejaVuSerif.ttf"},
      new String[] {"fonts-liberation", "LiberationSans-Regular.ttf"},
      new String[] {"fonts-liberation", "LiberationMono-Regular.ttf"});

  private FontSources() {}

  /**
   * The inputs of a build.
   *
   * @param description the preset name or the folder, for the report
   * @param files the font files, sorted by origin
   * @param licences licence per package
   * @param references the legibility screen's reference faces; empty when no input needs the screen
   * @param familiesOf origins of the files whose families are wanted with all their faces; empty to keep one face
   *     per family
   */
  record Inputs(String description, List<FontFile> files, Map<String, String> licences, List<Font> references,
      Set<String> familiesOf) {
    String licence(FontFile file) {
      return file.packageName() == null ? null : licences.get(file.packageName());
    }
  }

  static Inputs resolve(FontBuildOptions options) throws IOException {
    return options.preset() != null ? fromPreset(FontPreset.named(options.preset()), options.cacheDir())
        : fromFolder(options.fontsDir());
  }

  static Inputs fromPreset(FontPreset preset, Path cacheDir) throws IOException {
    DebianFontFetcher fetcher = new DebianFontFetcher(cacheDir);
    boolean screened = preset.packages().contains(FontCuration.SCREENED_PACKAGE);
    TreeSet<String> packages = new TreeSet<>(preset.packages());
    if (screened) {
      REFERENCES.forEach(r -> packages.add(r[0]));
    }
    fetcher.fetch(packages);
    Map<String, String> licences = new TreeMap<>();
    for (String packageName : preset.packages()) {
      licences.put(packageName, fetcher.licence(packageName));
    }
    List<FontFile> files = new ArrayList<>();
    Set<String> familiesOf = new TreeSet<>();
    if (preset.allFiles() || preset.allFaces()) {
      // for allFaces, every file too: a family's other faces are found by the family name its fonts report
      Map<String, String> styles = FontPreset.knownStyles();
      preset.files().forEach(f -> familiesOf.add(fetched(fetcher, f.packageName(), f.file(), f.style()).origin()));
      for (String packageName : preset.packages()) {
        Path root = fetcher.packageRoot(packageName);
        for (Path path : fetcher.fontFiles(packageName)) {
          String file = root.relativize(path).toString();
          files.add(fetched(fetcher, packageName, file, styles.get(packageName + "/" + file)));
        }
      }
    } else {
      for (FontPreset.PresetFile f : preset.files()) {
        files.add(fetched(fetcher, f.packageName(), f.file(), f.style()));
      }
    }
    files.sort(java.util.Comparator.comparing(FontFile::origin));
    List<Font> references = screened ? references(fetcher) : List.of();
    return new Inputs(preset.name(), files, licences, references, familiesOf);
  }

  static Inputs fromFolder(Path folder) throws IOException {
    Path root = folder.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new IOException("fontsDir: " + root + " is not a directory");
    }
    List<FontFile> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).filter(DebianFontFetcher::isFontFile).sorted()
          .map(p -> new FontFile(p, p.toString(), null, root.relativize(p).toString(), null)).toList();
    }
    return new Inputs(root.toString(), files, Map.of(), List.of(), Set.of());
  }

  private static FontFile fetched(DebianFontFetcher fetcher, String packageName, String file, String style) {
    Path path = fetcher.packageRoot(packageName).resolve(file);
    String origin = fetcher.cacheDir().relativize(path).toString(); // cache-relative: the cache may move
    return new FontFile(path, origin, packageName, file, style);
  }

  private static List<Font> references(DebianFontFetcher fetcher) throws IOException {
    List<Font> fonts = new ArrayList<>();
    for (String[] reference : REFERENCES) {
      Optional<Path> file = fetcher.fontFiles(reference[0]).stream()
          .filter(p -> p.getFileName().toString().equals(reference[1])).findFirst();
      if (file.isEmpty()) {
        throw new IOException("legibility reference " + reference[1] + " not found in package " + reference[0]);
      }
      fonts.addAll(FontFaces.load(file.get(), Files.readAllBytes(file.get()), file.get().toString()));
    }
    return fonts;
  }
}
