package io.funit.common.eval.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BaselinesTest {
  private static final int CHANNELS = 3;
  private static final int PLANE = 16;
  private static final int STRIDE = CHANNELS * PLANE;

  private static float[] random(int images, long seed, float scale, float shift) {
    Random random = new Random(seed);
    float[] x = new float[images * STRIDE];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (random.nextGaussian() * scale + shift);
    }
    return x;
  }

  @Test
  void stylingOnlyGivesTheContentTheClassImagesChannelStatistics() {
    float[] content = random(1, 1, 0.3f, 0.1f);
    float[] classImages = random(3, 2, 0.2f, -0.4f);
    float[] out = new float[STRIDE];
    Baselines.stylingOnly(content, 0, classImages, 0, 3, CHANNELS, PLANE, out, 0);
    for (int c = 0; c < CHANNELS; c++) {
      double[] target = Baselines.moments(classImages, 0, 3, STRIDE, c * PLANE, PLANE);
      double[] got = Baselines.moments(out, 0, 1, STRIDE, c * PLANE, PLANE);
      assertThat(got[0]).isCloseTo(target[0], within(1e-5));
      assertThat(got[1]).isCloseTo(target[1], within(1e-5));
    }
    // the content's structure stays: the output is an increasing function of the content per channel
    assertThat(Math.signum(out[1] - out[0])).isEqualTo(Math.signum(content[1] - content[0]));
  }

  @Test
  void stylingOnlyOfAFlatContentIsTheClassMeanColour() {
    float[] content = new float[STRIDE];
    float[] classImages = random(2, 3, 0.1f, 0.5f);
    float[] out = new float[STRIDE];
    Baselines.stylingOnly(content, 0, classImages, 0, 2, CHANNELS, PLANE, out, 0);
    assertThat((double) out[0]).isCloseTo(Baselines.moments(classImages, 0, 2, STRIDE, 0, PLANE)[0], within(1e-5));
  }

  @Test
  void classMeanAveragesTheKImagesAndCopyContentCopies() {
    float[] classImages = new float[2 * STRIDE];
    java.util.Arrays.fill(classImages, 0, STRIDE, 1);
    java.util.Arrays.fill(classImages, STRIDE, 2 * STRIDE, -0.5f);
    float[] out = new float[STRIDE];
    Baselines.classMean(classImages, 0, 2, out, 0, STRIDE);
    assertThat(out).containsOnly(0.25f);
    float[] copy = new float[STRIDE];
    Baselines.copyContent(classImages, STRIDE, copy, 0, STRIDE);
    assertThat(copy).containsOnly(-0.5f);
  }
}
