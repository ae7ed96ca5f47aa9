package io.funit.common.dataset.fonts;

import java.util.Map;

/**
 * The result of a build.
 *
 * @param id the dataset id
 * @param trainClasses classes in the train split
 * @param testClasses classes in the test split
 * @param images images written (classes × contents)
 * @param fontsConsidered font faces found in the input (every face of every file, duplicates and unloadable files
 *     included), so fontsConsidered = classes + skippedFonts
 * @param skippedFonts faces left out
 * @param skippedByReason faces left out per {@link FontCuration} reason key
 * @param seconds wall time of the build
 */
public record FontBuildSummary(String id, int trainClasses, int testClasses, long images, int fontsConsidered,
    int skippedFonts, Map<String, Integer> skippedByReason, double seconds) {
  public FontBuildSummary {
    skippedByReason = Map.copyOf(skippedByReason);
  }
}
