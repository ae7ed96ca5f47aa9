package io.funit.common.funit.train;

/**
 * The discriminator step's logged scalars (spec §3.1).
 *
 * @param total gan_w·(fake + real) + r1_w·reg
 * @param fakeAdv hinge loss on translations, mean(ReLU(1 + D(xt)))
 * @param realAdv hinge loss on real class images, mean(ReLU(1 − D(xb)))
 * @param reg the R1 penalty, unweighted
 * @param accuracy ½(fraction of translation patches < 0 + fraction of real patches ≥ 0)
 */
public record DisStepLosses(float total, float fakeAdv, float realAdv, float reg, float accuracy) {}
