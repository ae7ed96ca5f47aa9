package io.funit.common.dataset.fonts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A named set of Debian font packages and the files to take from them.
 *
 * @param name the preset's name
 * @param packages the packages to fetch, sorted
 * @param files the files to take; empty means every font file of the packages
 * @param allFaces take the faces the packages ship under the listed files' family names, each a class of its own,
 *     instead of the listed files only
 * @param heldOutPerGroup faces of each style group ({@link StyleGroups}) the test split should hold at least
 *     ({@link FamilySplit}); 0 splits by families alone
 */
public record FontPreset(String name, List<String> packages, List<PresetFile> files, boolean allFaces,
    int heldOutPerGroup) {
  /** The 300 files of the survey's balanced starter set (99 packages; aenigma, display, serif, sans, script...). */
  public static final String STARTER_300 = "starter300";
  /**
   * The starter set's families with their other faces: the same families (one file each in {@code starter300}, where
   * curation prefers the upright regular face), plus the faces the packages ship under the same family name (mostly
   * bold and italic; weights whose fonts report a family name of their own, such as JetBrains Mono Light, are not
   * matched). Style within a family (slant above all, which starter300 barely has: 3 of its 59 test fonts lean)
   * becomes something to learn and to test.
   */
  public static final String STARTER_300_FACES = "starter300-faces";
  /** A small, fast set for CI: all files of fonts-aenigma, fonts-dustin, fonts-kristi, fonts-dancingscript and
   * fonts-lobster (then curated like any input). */
  public static final String CI = "ci";
  /** The survey's 931 curated Latin families from 162 packages. */
  public static final String ALL_LATIN = "all-latin";
  /**
   * The curated families with all their faces (as {@code starter300-faces} does for the starter set), the test split
   * holding at least {@link #ALL_LATIN_FACES_HELD_OUT_PER_GROUP} faces of every style group the data allows: the
   * training set of the 64-pixel model (issue 23), whose held-out figures are reported per group.
   */
  public static final String ALL_LATIN_FACES = "all-latin-faces";
  public static final int ALL_LATIN_FACES_HELD_OUT_PER_GROUP = 8;

  private static final List<String> CI_PACKAGES =
      List.of("fonts-aenigma", "fonts-dancingscript", "fonts-dustin", "fonts-kristi", "fonts-lobster");

  public FontPreset {
    if (heldOutPerGroup < 0) {
      throw new IllegalArgumentException("preset " + name + ": heldOutPerGroup must be >= 0, got " + heldOutPerGroup);
    }
    packages = List.copyOf(packages);
    files = List.copyOf(files);
    if (allFaces && files.isEmpty()) {
      throw new IllegalArgumentException("preset " + name + ": all faces of which families? it lists no files");
    }
  }

  public FontPreset(String name, List<String> packages, List<PresetFile> files) {
    this(name, packages, files, false, 0);
  }

  /**
   * A file of a preset.
   *
   * @param packageName the package that ships it
   * @param file the path inside the package ({@code usr/share/fonts/...})
   * @param style the survey's style guess
   */
  public record PresetFile(String packageName, String file, String style) {}

  /** True if the preset takes every font file of its packages. */
  public boolean allFiles() {
    return files.isEmpty();
  }

  public static List<String> names() {
    return List.of(STARTER_300, STARTER_300_FACES, CI, ALL_LATIN, ALL_LATIN_FACES);
  }

  /** The preset called {@code name}. */
  public static FontPreset named(String name) {
    return switch (name) {
      case STARTER_300 -> fromList(name, CuratedFontList.starter300(), false, 0);
      case STARTER_300_FACES -> fromList(name, CuratedFontList.starter300(), true, 0);
      case ALL_LATIN -> fromList(name, CuratedFontList.curated(), false, 0);
      case ALL_LATIN_FACES -> fromList(name, CuratedFontList.curated(), true, ALL_LATIN_FACES_HELD_OUT_PER_GROUP);
      case CI -> new FontPreset(name, CI_PACKAGES, List.of());
      default -> throw new IllegalArgumentException("preset: unknown font preset '" + name + "', expected one of "
          + names());
    };
  }

  /** The survey's style guesses by "package/file", for presets that take all files and for folder input. */
  static Map<String, String> knownStyles() {
    Map<String, String> styles = new LinkedHashMap<>();
    for (CuratedFontList.Entry e : CuratedFontList.curated()) {
      styles.put(e.packageName() + "/" + e.file(), e.style());
    }
    for (CuratedFontList.Entry e : CuratedFontList.starter300()) {
      styles.putIfAbsent(e.packageName() + "/" + e.file(), e.style());
    }
    return styles;
  }

  private static FontPreset fromList(String name, List<CuratedFontList.Entry> entries, boolean allFaces,
      int heldOutPerGroup) {
    TreeSet<String> packages = new TreeSet<>();
    List<PresetFile> files = entries.stream().map(e -> {
      packages.add(e.packageName());
      return new PresetFile(e.packageName(), e.file(), e.style());
    }).toList();
    return new FontPreset(name, List.copyOf(packages), files, allFaces, heldOutPerGroup);
  }
}
