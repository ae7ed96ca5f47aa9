package io.funit.common.dataset;

import java.util.List;

/**
 * The description of one dataset, stored as {@code manifest.json}.
 *
 * @param formatVersion the layout version (1)
 * @param id the dataset id (the id of the job that built it, or a local name)
 * @param kind {@code fonts} (class = font, content = character) or {@code images} (users' class folders)
 * @param name a human-readable name
 * @param imageSize the side of the square images for fonts; 0 for image datasets of mixed sizes
 * @param color {@code gray} or {@code rgb}: what the images hold (models always see 3 channels)
 * @param contents for fonts, the content names (characters) in the order of every class's images; empty otherwise
 * @param seed the seed of the train/test split
 * @param classes every class, train and test, in index order
 * @param recipe how to build it again, for a font dataset of a preset; null otherwise
 */
public record DatasetManifest(int formatVersion, String id, String kind, String name, int imageSize, String color,
    List<String> contents, long seed, List<DatasetClass> classes, DatasetRecipe recipe) {
  public static final int FORMAT_VERSION = 1;
  public static final String KIND_FONTS = "fonts";
  public static final String KIND_IMAGES = "images";
  public static final String SPLIT_TRAIN = "train";
  public static final String SPLIT_TEST = "test";

  public DatasetManifest {
    contents = contents == null ? List.of() : List.copyOf(contents);
    classes = List.copyOf(classes);
  }

  /** A manifest with no recipe (uploads, folders of fonts). */
  public DatasetManifest(int formatVersion, String id, String kind, String name, int imageSize, String color,
      List<String> contents, long seed, List<DatasetClass> classes) {
    this(formatVersion, id, kind, name, imageSize, color, contents, seed, classes, null);
  }

  /** The classes of one split, in index order; the position in this list is the training label. */
  public List<DatasetClass> split(String split) {
    return classes.stream().filter(c -> c.split().equals(split)).toList();
  }

  /**
   * The fonts of one split whose images are every content in order (image i is content i), the only classes a glyph
   * of a given character can be taken from: an {@code unfair} dataset's added classes hold a K-set of a held-out
   * font, a few of its glyphs at positions that are not their characters'.
   */
  public List<DatasetClass> completeFonts(String split) {
    return split(split).stream().filter(c -> c.images() == contents.size()).toList();
  }

  public long imageCount() {
    return classes.stream().mapToLong(DatasetClass::images).sum();
  }

  public DatasetManifest withId(String newId) {
    return new DatasetManifest(formatVersion, newId, kind, name, imageSize, color, contents, seed, classes, recipe);
  }
}
