package io.funit.common.funit.config;

/**
 * The multi-task patch discriminator's shape (spec §0, {@code dis.*}).
 *
 * @param nf base channels (doubled per stage, capped at 1024)
 * @param nResBlks pre-activation residual blocks, two per stage (even)
 * @param numClasses training classes = output heads
 * @param inPlaceActivation replicate the official in-place LeakyReLU aliasing (spec G1, the default); false gives
 *     the clean pre-activation block (identity shortcut adds the raw input, features are not activated)
 * @param head how features become a class's realness map (null, as in configurations written before it existed:
 *     the official {@link DiscriminatorHead#MULTI_TASK})
 */
public record DiscriminatorConfig(int nf, int nResBlks, int numClasses, boolean inPlaceActivation,
    DiscriminatorHead head) {
  /** Channel cap of the official discriminator. */
  public static final int MAX_CHANNELS = 1024;

  /** The official head. */
  public DiscriminatorConfig(int nf, int nResBlks, int numClasses, boolean inPlaceActivation) {
    this(nf, nResBlks, numClasses, inPlaceActivation, DiscriminatorHead.MULTI_TASK);
  }

  public DiscriminatorConfig {
    head = head == null ? DiscriminatorHead.MULTI_TASK : head;
    GeneratorConfig.positive("dis.nf", nf);
    GeneratorConfig.positive("dis.num_classes", numClasses);
    if (nResBlks < 2 || nResBlks % 2 != 0) {
      throw new IllegalArgumentException("dis.n_res_blks must be even and at least 2, got " + nResBlks);
    }
  }

  public DiscriminatorConfig withNumClasses(int classes) {
    return new DiscriminatorConfig(nf, nResBlks, classes, inPlaceActivation, head);
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
