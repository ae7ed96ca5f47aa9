package io.funit.common.stargan.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** StarGAN's named configurations; a training's dataset sets the domains. */
public final class StarGanPresets {
  /**
   * The paper's CelebA configuration (appendix): 128×128, batch 16, generator conv_dim 64 with 2 downsamplings and 6
   * residual blocks, discriminator conv_dim 64 with 6 layers, λ_cls 1, λ_rec 10, λ_gp 10, Adam 1e-4 (β₁ 0.5, β₂
   * 0.999), 5 critic steps per generator step, 200k iterations. For GPUs.
   */
  public static final StarGanConfig STARGAN_128 = new StarGanConfig("stargan-128", 128, 16, 1,
      StarGanGeneratorConfig.PAPER, StarGanDiscriminatorConfig.PAPER, AdamConfig.STARGAN, AdamConfig.STARGAN,
      StarGanLossConfig.PAPER, 5, 200_000);

  /**
   * The CPU preset beside FUNIT's {@code font-64}: 64×64 glyphs, batch 16, the paper's losses and optimizer, a
   * generator of half the paper's width (conv_dim 32: 16×16 bottleneck of 128 channels, 6 residual blocks) and a
   * discriminator of 5 layers (a 2×2 map).
   */
  public static final StarGanConfig STARGAN_64 = new StarGanConfig("stargan-64", 64, 16, 1,
      new StarGanGeneratorConfig(32, 6, 2), new StarGanDiscriminatorConfig(32, 5), AdamConfig.STARGAN,
      AdamConfig.STARGAN, StarGanLossConfig.PAPER, 5, 20_000);

  /**
   * The quickest CPU preset, beside FUNIT's {@code font-32}: 32×32, batch 16, {@link #STARGAN_64}'s generator and a
   * discriminator of 4 layers (a 2×2 map).
   */
  public static final StarGanConfig STARGAN_32 = new StarGanConfig("stargan-32", 32, 16, 1,
      new StarGanGeneratorConfig(32, 6, 2), new StarGanDiscriminatorConfig(32, 4), AdamConfig.STARGAN,
      AdamConfig.STARGAN, StarGanLossConfig.PAPER, 5, 4_000);

  private static final Map<String, StarGanConfig> BY_NAME = Map.of(STARGAN_128.preset(), STARGAN_128,
      STARGAN_64.preset(), STARGAN_64, STARGAN_32.preset(), STARGAN_32);

  private StarGanPresets() {}

  public static Optional<StarGanConfig> find(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  public static StarGanConfig get(String name) {
    return find(name).orElseThrow(() -> new IllegalArgumentException("unknown StarGAN preset '" + name + "'; known: "
        + names()));
  }

  public static List<String> names() {
    return BY_NAME.keySet().stream().sorted().toList();
  }
}
