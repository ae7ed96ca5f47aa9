package io.funit.common.stargan.config;

/**
 * StarGAN's PatchGAN discriminator: {@code layers} strided 4×4 convolutions doubling the channels, each followed by
 * LeakyReLU(0.01), then two heads on the last map: a 3×3 convolution to one realness channel per patch (D_src) and a
 * convolution as large as the map to one logit per domain (D_cls).
 *
 * @param convDim channels of the first convolution (64 in the paper)
 * @param layers strided convolutions (6 at 128 pixels: a 2×2 map)
 */
public record StarGanDiscriminatorConfig(int convDim, int layers) {
  public static final StarGanDiscriminatorConfig PAPER = new StarGanDiscriminatorConfig(64, 6);

  public StarGanDiscriminatorConfig {
    if (convDim < 1 || layers < 1) {
      throw new IllegalArgumentException("stargan discriminator: need conv_dim ≥ 1 and layers ≥ 1");
    }
  }

  /** Side of the last map for square images of {@code imageSize}; the domain head's kernel. */
  public int mapSide(int imageSize) {
    int side = imageSize >> layers;
    if (side < 1 || (side << layers) != imageSize) {
      throw new IllegalArgumentException("stargan discriminator: " + layers + " halvings of " + imageSize
          + " pixels leave no whole map");
    }
    return side;
  }

  /** Channels of the last map. */
  public int featureChannels() {
    return convDim << (layers - 1);
  }
}
