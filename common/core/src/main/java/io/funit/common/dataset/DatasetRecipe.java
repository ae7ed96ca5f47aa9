package io.funit.common.dataset;

/**
 * What defines a font dataset built from a preset of Debian packages, so that it can be built again elsewhere: the
 * same preset, size, charset, split seed and test share give the same faces, the same split and the same glyphs, as
 * long as the packages are the same versions (a rebuild checks the split against what it must reproduce).
 *
 * @param kind {@code fonts}
 * @param preset the font preset ({@code FontPreset})
 * @param size the glyph side in pixels
 * @param charset the characters rendered, in content order
 * @param seed the split seed
 * @param testFraction the share of families held out
 */
public record DatasetRecipe(String kind, String preset, int size, String charset, long seed, double testFraction) {}
