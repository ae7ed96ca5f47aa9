package io.funit.common.eval.protocol;

/**
 * What scoring one held-out class needs besides the outputs.
 *
 * @param label the class's index in the dataset (style_all's target)
 * @param heldOutLabel its position among the held-out classes (style_heldout's target)
 * @param characters per draw, the content's character (glyphs), else null
 * @param truth the true glyphs (n, 3, S, S), else null
 * @param contentMaps per draw, the content image's instance-normalized map (null without judges)
 * @param realFeatures the class's real images' features in the FID's principal coordinates (null without judges)
 * @param truthFeatures per draw, style_all's L2-normalized pooled features of the true glyph (null without truth or
 *     judges)
 */
record ClassContext(int label, int heldOutLabel, int[] characters, float[] truth, double[][] contentMaps,
    double[][] realFeatures, double[][] truthFeatures) {}
