package io.funit.common.eval.judges;

import java.util.List;

/**
 * A judge network's shape.
 *
 * @param imageSize the side of the images it is given (the model's)
 * @param inputSize the side it looks at: images above 64 px are average-pooled by 2 until at most 64 (cost)
 * @param widths channels per stage: a stride-1 stem, then stride-2 stages down to 4×4
 * @param classes output classes
 */
public record JudgeConfig(int imageSize, int inputSize, List<Integer> widths, int classes) {
  public JudgeConfig {
    widths = List.copyOf(widths);
    if (widths.size() < 3 || classes < 2 || inputSize < 16 || inputSize > imageSize) {
      throw new IllegalArgumentException("judge config: " + widths + ", " + classes + " classes, input " + inputSize);
    }
  }

  /**
   * The standard judge for an image size: stem 32 channels at full resolution, then stride-2 stages of 64, 128 and
   * 256 channels (256 at most) until the map is 4×4; the pooled 256 last-stage channels are the features.
   */
  public static JudgeConfig standard(int imageSize, int classes) {
    int input = imageSize;
    while (input > 64) {
      input /= 2;
    }
    int downs = Integer.numberOfTrailingZeros(Integer.highestOneBit(input / 4));
    java.util.ArrayList<Integer> widths = new java.util.ArrayList<>(List.of(32));
    for (int i = 0; i < downs; i++) {
      widths.add(Math.min(256, 64 << i));
    }
    return new JudgeConfig(imageSize, input, widths, classes);
  }

  /** Length of the pooled feature vector (the last stage's channels). */
  public int features() {
    return widths.get(widths.size() - 1);
  }

  /** The stage whose output is the content map: the second to last (8×8 at a 32 px input). */
  public int mapStage() {
    return widths.size() - 2;
  }
}
