package io.funit.common.funit.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Named configurations; every value can be overridden per job. */
public final class Presets {
  /**
   * The official animal-faces configuration (spec §0): 128×128, batch 64, gen nf 64 with 2 residual blocks, MLP
   * 256 wide, class code 64, 3 content and 4 class downsamplings; dis nf 64 with 10 blocks and 119 class heads;
   * RMSprop 1e-4 with weight decay 1e-4; L1 recon 0.1, FM 1, R1 10; EMA 0.999 from step 0; 100k iterations.
   */
  public static final FunitConfig ANIMAL_128 = new FunitConfig("animal-128", 128, 64,
      new GeneratorConfig(64, 2, 256, 64, 3, 3, 4),
      new DiscriminatorConfig(64, 10, 119, true),
      OptimizerConfig.OFFICIAL, OptimizerConfig.OFFICIAL, LossConfig.OFFICIAL, 0.999, 0, 100_000);

  /**
   * The CPU preset for glyphs: 64×64, batch 8; gen nf 32 with 2 residual blocks, MLP 128 wide, class code 64,
   * 2 content downsamplings (content code 128×16×16) and 3 class downsamplings; dis nf 32 with 6 blocks (3 stages,
   * features 256×16×16). Losses and optimizer as official; EMA warm-up 1000 updates (imaginaire's choice) because a
   * short CPU run would otherwise show an EMA generator still near its random start. Classes are set by the dataset.
   */
  public static final FunitConfig FONT_64 = new FunitConfig("font-64", 64, 8,
      new GeneratorConfig(32, 2, 128, 64, 3, 2, 3),
      new DiscriminatorConfig(32, 6, 300, true),
      OptimizerConfig.OFFICIAL, OptimizerConfig.OFFICIAL, LossConfig.OFFICIAL, 0.999, 1000, 20_000);

  /**
   * The fastest CPU preset, for a first model in minutes (`./funit demo`): the measured anchor configuration of the
   * official code on this machine (32×32, batch 8, gen nf 32 with 2 content and 3 class downsamplings, dis nf 32
   * with 4 blocks), with the EMA warm-up of {@link #FONT_64}. A learning rate of 3e-4 and a ramped EMA decay were
   * tried by held-out validation of 22-minute runs and are not used: 3e-4 beat 1e-4 in one run and lost in another,
   * the ramp followed a late collapse of the generator (docs/benchmarks.md).
   */
  public static final FunitConfig FONT_32 = new FunitConfig("font-32", 32, 8,
      new GeneratorConfig(32, 2, 128, 64, 3, 2, 3),
      new DiscriminatorConfig(32, 4, 300, true),
      OptimizerConfig.OFFICIAL, OptimizerConfig.OFFICIAL, LossConfig.OFFICIAL, 0.999, 1000, 4_000);

  private static final Map<String, FunitConfig> BY_NAME = Map.of(
      ANIMAL_128.preset(), ANIMAL_128, FONT_64.preset(), FONT_64, FONT_32.preset(), FONT_32);

  private Presets() {}

  public static Optional<FunitConfig> find(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  public static FunitConfig get(String name) {
    return find(name).orElseThrow(() -> new IllegalArgumentException("unknown preset '" + name + "'; known: "
        + names()));
  }

  public static List<String> names() {
    return BY_NAME.keySet().stream().sorted().toList();
  }
}
