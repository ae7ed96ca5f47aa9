package io.funit.common.stargan.config;

/**
 * StarGAN's loss weights (paper §4, WGAN-GP objective): D minimises −D_src(x) + D_src(G(x, c)) + λ_cls·CE(D_cls(x),
 * c′) + λ_gp·(‖∇D_src(x̂)‖₂ − 1)²; G minimises −D_src(G(x, c)) + λ_cls·CE(D_cls(G(x, c)), c) + λ_rec·‖x − G(G(x, c),
 * c′)‖₁.
 *
 * @param cls domain classification (1 in the paper)
 * @param rec cycle reconstruction (10)
 * @param gp gradient penalty (10)
 */
public record StarGanLossConfig(double cls, double rec, double gp) {
  public static final StarGanLossConfig PAPER = new StarGanLossConfig(1, 10, 10);

  public StarGanLossConfig {
    if (cls < 0 || rec < 0 || gp < 0) {
      throw new IllegalArgumentException("stargan loss weights must not be negative");
    }
  }
}
