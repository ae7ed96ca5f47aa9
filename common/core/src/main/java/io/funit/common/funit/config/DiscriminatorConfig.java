package io.funit.common.funit.config;

/**
 * The multi-task patch discriminator's shape (spec §0, {@code dis.*}).
 *
 * @param nf base channels (doubled per stage, capped at 1024)
 * @param nResBlks pre-activation residual blocks, two per stage (even)
 * @param numClasses training classes = output heads
 * @param inPlaceActivation replicate the official in-place LeakyReLU aliasing (spec G1, the default); false gives
 *     the clean pre-activation block (identity shortcut adds the raw input, features are not activated)
 */
public record DiscriminatorConfig(int nf, int nResBlks, int numClasses, boolean inPlaceActivation) {
  /** Channel cap of the official discriminator. */
  public static final int MAX_CHANNELS = 1024;

  public DiscriminatorConfig {
    GeneratorConfig.positive("dis.nf", nf);
    GeneratorConfig.positive("dis.num_classes", numClasses);
    if (nResBlks < 2 || nResBlks % 2 != 0) {
      throw new IllegalArgumentException("dis.n_res_blks must be even and at least 2, got " + nResBlks);
    }
  }

  /** Stages; all but the last end with a ×2 downsampling. */
  public int stages() {
    return nResBlks / 2;
  }

  /** Channels of the feature map (the input of the class heads). */
  public int featureChannels() {
    int channels = nf;
    for (int i = 0; i < stages(); i++) {
      channels = Math.min(channels * 2, MAX_CHANNELS);
    }
    return channels;
  }
}
