package io.funit.common.dataset;

import java.util.List;

/**
 * One class of a dataset.
 *
 * @param index position in the manifest; names the shard
 * @param name the class name (font face name, or the folder name of an upload)
 * @param split {@code train} or {@code test}
 * @param images number of images in the shard
 * @param shard the shard's path relative to the dataset root ({@code classes/NNNNN.zip})
 * @param imageNames the shard's entry names, in order (for fonts, entry i is content i)
 * @param source where the class came from: font file, package and licence; null for uploads
 */
public record DatasetClass(int index, String name, String split, int images, String shard, List<String> imageNames,
    ClassSource source) {
  public DatasetClass {
    imageNames = List.copyOf(imageNames);
  }

  public static String shardPath(int index) {
    return String.format("classes/%05d.zip", index);
  }

  /**
   * Provenance of a class.
   *
   * @param origin the source folder or archive path of the class
   * @param packageName the Debian package that shipped the font
   * @param file the font file, relative to the package root
   * @param face the face name inside the file
   * @param family the family name; the split never puts one family on both sides
   * @param licence the licence named in the package's copyright file
   * @param style a style guess (serif, sans, script/handwriting, ...), when known
   */
  public record ClassSource(String origin, String packageName, String file, String face, String family,
      String licence, String style) {}
}
