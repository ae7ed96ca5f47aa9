package io.funit.common.stargan.config;

/**
 * PyTorch's Adam settings: m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; θ ← θ − lr·m̂ / (√v̂ + eps) with the bias-corrected
 * m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ).
 */
public record AdamConfig(double lr, double beta1, double beta2, double eps) {
  /** StarGAN's: lr 1e-4, β₁ 0.5, β₂ 0.999. */
  public static final AdamConfig STARGAN = new AdamConfig(1e-4, 0.5, 0.999, 1e-8);

  public AdamConfig {
    if (!(lr > 0) || beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1 || !(eps > 0)) {
      throw new IllegalArgumentException("adam: need lr > 0, 0 ≤ β₁, β₂ < 1, eps > 0");
    }
  }
}
