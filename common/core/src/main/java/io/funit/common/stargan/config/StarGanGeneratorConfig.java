package io.funit.common.stargan.config;

/**
 * StarGAN's generator (Choi et al. 2018, appendix table): a 7×7 convolution of the image and its target domain's
 * channels, {@code downsamplings} strided 4×4 convolutions doubling the channels, {@code resBlocks} residual blocks,
 * as many 4×4 transposed convolutions halving them, a 7×7 convolution to RGB and tanh; instance norm with a learned
 * affine and ReLU after every convolution but the last.
 *
 * @param convDim channels of the first convolution (64 in the paper)
 * @param resBlocks residual blocks of the bottleneck (6)
 * @param downsamplings strided convolutions, and transposed ones (2)
 */
public record StarGanGeneratorConfig(int convDim, int resBlocks, int downsamplings) {
  public static final StarGanGeneratorConfig PAPER = new StarGanGeneratorConfig(64, 6, 2);

  public StarGanGeneratorConfig {
    if (convDim < 1 || resBlocks < 0 || downsamplings < 0) {
      throw new IllegalArgumentException("stargan generator: need conv_dim ≥ 1, res_blocks ≥ 0, downsamplings ≥ 0");
    }
  }

  /** Channels of the bottleneck. */
  public int bottleneckChannels() {
    return convDim << downsamplings;
  }
}
