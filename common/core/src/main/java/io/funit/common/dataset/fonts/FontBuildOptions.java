package io.funit.common.dataset.fonts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What to build.
 *
 * @param preset a {@link FontPreset} name ({@link FontPreset#names()}); exactly one of preset and fontsDir
 * @param fontsDir a folder of TTF/OTF/TTC/WOFF files, searched recursively; exactly one of preset and fontsDir
 * @param size the side of the square glyph images, in pixels, 16..256
 * @param charset the characters to render, one content each, in order; null or empty means
 *     {@link #DEFAULT_CHARSET} (A–Z a–z 0–9)
 * @param seed the seed of the train/test split and of the contact sheet's choice of classes
 * @param testFraction the share of classes held out for test, in [0, 1)
 * @param cacheDir where Debian packages are downloaded and unpacked; null means
 *     {@link DebianFontFetcher#defaultCacheDir()}
 * @param contactSheetRows how many random classes the contact sheet shows, ≥ 1
 */
public record FontBuildOptions(String preset, Path fontsDir, int size, String charset, long seed, double testFraction,
    Path cacheDir, int contactSheetRows) {
  public static final String DEFAULT_CHARSET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  public static final double DEFAULT_TEST_FRACTION = 0.2;
  public static final int DEFAULT_CONTACT_SHEET_ROWS = 24;
  public static final int MIN_SIZE = 16;
  public static final int MAX_SIZE = 256;

  public FontBuildOptions {
    if ((preset == null) == (fontsDir == null)) {
      throw new IllegalArgumentException("preset, fontsDir: give exactly one of them");
    }
    if (preset != null) {
      FontPreset.named(preset); // fails with the list of presets
    }
    if (size < MIN_SIZE || size > MAX_SIZE) {
      throw new IllegalArgumentException("size: must be " + MIN_SIZE + ".." + MAX_SIZE + ", got " + size);
    }
    if (!(testFraction >= 0 && testFraction < 1)) {
      throw new IllegalArgumentException("testFraction: must be in [0, 1), got " + testFraction);
    }
    if (contactSheetRows < 1) {
      throw new IllegalArgumentException("contactSheetRows: must be at least 1, got " + contactSheetRows);
    }
    charset = charset == null || charset.isEmpty() ? DEFAULT_CHARSET : charset;
    cacheDir = cacheDir == null ? DebianFontFetcher.defaultCacheDir() : cacheDir;
  }

  /** A preset build with the defaults. */
  public static FontBuildOptions ofPreset(String preset, int size) {
    return new FontBuildOptions(preset, null, size, null, 1, DEFAULT_TEST_FRACTION, null, DEFAULT_CONTACT_SHEET_ROWS);
  }

  /** A folder build with the defaults. */
  public static FontBuildOptions ofFolder(Path fontsDir, int size) {
    return new FontBuildOptions(null, fontsDir, size, null, 1, DEFAULT_TEST_FRACTION, null,
        DEFAULT_CONTACT_SHEET_ROWS);
  }

  /** The charset's distinct characters (code points), in order: the dataset's contents. */
  public List<String> contents() {
    LinkedHashSet<String> distinct = new LinkedHashSet<>();
    charset.codePoints().filter(cp -> !Character.isWhitespace(cp)).forEach(cp -> distinct.add(Character.toString(cp)));
    return new ArrayList<>(distinct);
  }
}
