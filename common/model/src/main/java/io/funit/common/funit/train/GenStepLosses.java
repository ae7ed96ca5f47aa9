package io.funit.common.funit.train;

/**
 * The generator step's logged scalars (spec §3.2).
 *
 * @param total gan_w·adv + r_w·recon_x + fm_w·(recon_c + recon_s) + paired_w·paired
 * @param adv ½(−mean D(xt, lb) − mean D(xr, la))
 * @param reconX L1 between the reconstruction and the content image
 * @param reconC feature matching, reconstruction vs content image
 * @param reconS feature matching, translation vs class image
 * @param accuracy ½(fraction of translation patches ≥ 0 + fraction of reconstruction patches ≥ 0)
 * @param paired L1 between the translation and the class's own image of the content's character (0 when the
 *     paired glyph loss is off)
 */
public record GenStepLosses(float total, float adv, float reconX, float reconC, float reconS, float accuracy,
    float paired) {}
