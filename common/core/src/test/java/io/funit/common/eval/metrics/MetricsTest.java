package io.funit.common.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private static double[][] gaussian(int n, int d, long seed) {
    Random random = new Random(seed);
    double[][] x = new double[n][d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        row[j] = random.nextGaussian() * (1 + j % 3);
      }
    }
    return x;
  }

  @Test
  void frechetDistanceOfASetWithItselfIsZero() {
    double[][] x = gaussian(200, 8, 1);
    assertThat(FrechetDistance.of(x, x)).isCloseTo(0, within(1e-6));
  }

  @Test
  void frechetDistanceOfAShiftedSetIsTheSquaredShift() {
    double[][] x = gaussian(200, 8, 2);
    double[][] shifted = new double[x.length][];
    double[] delta = {1, -2, 0.5, 0, 0, 3, 0, -1};
    for (int i = 0; i < x.length; i++) {
      shifted[i] = x[i].clone();
      for (int j = 0; j < delta.length; j++) {
        shifted[i][j] += delta[j];
      }
    }
    assertThat(FrechetDistance.of(x, shifted)).isCloseTo(1 + 4 + 0.25 + 9 + 1, within(1e-6));
  }

  @Test
  void frechetDistanceOfScaledGaussiansMatchesTheClosedForm() {
    // y = 2x in 1-D: (μ − 2μ)² + σ² + 4σ² − 2·√(σ²·4σ²) = μ² + σ², with μ, σ² the sample mean and variance
    double[][] x = gaussian(4000, 1, 3);
    double[][] y = new double[x.length][1];
    for (int i = 0; i < x.length; i++) {
      y[i][0] = 2 * x[i][0];
    }
    double mu = FrechetDistance.mean(x)[0];
    double variance = FrechetDistance.covariance(x, new double[] {mu}).getEntry(0, 0);
    assertThat(FrechetDistance.of(x, y)).isCloseTo(mu * mu + variance, within(1e-9));
  }

  @Test
  void frechetDistanceIsDefinedForSingularCovariances() {
    double[][] x = gaussian(5, 20, 4); // rank ≤ 4 in 20 dimensions
    assertThat(FrechetDistance.of(x, x)).isCloseTo(0, within(1e-6));
    assertThat(FrechetDistance.of(x, gaussian(5, 20, 5))).isPositive().isFinite();
  }

  @Test
  void pcaKeepsTheSpreadOfDataInItsSubspace() {
    Random random = new Random(6);
    int n = 100;
    float[] flat = new float[n * 4];
    double[][] reference = new double[n][];
    for (int i = 0; i < n; i++) {
      double a = random.nextGaussian() * 3;
      double b = random.nextGaussian();
      reference[i] = new double[] {a, b, a + b, 0};
      for (int j = 0; j < 4; j++) {
        flat[i * 4 + j] = (float) reference[i][j];
      }
    }
    FeaturePca pca = FeaturePca.fit(reference, 2);
    double[] p0 = pca.project(flat, 0);
    double[] p1 = pca.project(flat, 1);
    double projected = Math.hypot(p0[0] - p1[0], p0[1] - p1[1]);
    double original = Math.sqrt(java.util.stream.IntStream.range(0, 4)
        .mapToDouble(j -> Math.pow(reference[0][j] - reference[1][j], 2)).sum());
    assertThat(pca.dims()).isEqualTo(2);
    assertThat(projected).isCloseTo(original, within(1e-3));
  }

  @Test
  void ssimOfIdenticalImagesIsOneAndNoiseLowersIt() {
    int size = 32;
    float[] image = new float[3 * size * size];
    for (int i = 0; i < image.length; i++) {
      image[i] = (float) Math.sin(i % (size * size) / 7.0);
    }
    assertThat(Ssim.of(image, 0, image, 0, 3, size)).isCloseTo(1, within(1e-9));
    double slightly = Ssim.of(image, 0, noisy(image, 0.1), 0, 3, size);
    double strongly = Ssim.of(image, 0, noisy(image, 0.6), 0, 3, size);
    assertThat(slightly).isLessThan(1);
    assertThat(strongly).isLessThan(slightly).isLessThan(0.95).isGreaterThan(-1);
  }

  private static float[] noisy(float[] image, double sigma) {
    Random random = new Random(7);
    float[] noisy = image.clone();
    for (int i = 0; i < noisy.length; i++) {
      noisy[i] += (float) (random.nextGaussian() * sigma);
    }
    return noisy;
  }

  @Test
  void inceptionScoreOfUniformPredictionsIsOneAndOfConfidentDiversePredictionsIsTheClassCount() {
    float[] uniform = new float[10 * 4];
    java.util.Arrays.fill(uniform, 0.25f);
    assertThat(InceptionScore.of(uniform, 4)).isCloseTo(1, within(1e-9));
    float[] confident = new float[4 * 4];
    for (int i = 0; i < 4; i++) {
      confident[i * 4 + i] = 1;
    }
    assertThat(InceptionScore.of(confident, 4)).isCloseTo(4, within(1e-9));
    assertThat(InceptionScore.softmax(new float[] {0, 0, (float) Math.log(2)}, 3)).containsExactly(0.25f, 0.25f, 0.5f);
  }

  @Test
  void topKCountsClassesScoredStrictlyHigher() {
    float[] logits = {0.1f, 0.5f, 0.3f, 0.9f, /* row 1 */ 1, 1, 0, 0};
    assertThat(TopK.correct(logits, 0, 4, 3, 1)).isTrue();
    assertThat(TopK.correct(logits, 0, 4, 2, 1)).isFalse();
    assertThat(TopK.correct(logits, 0, 4, 2, 3)).isTrue();
    assertThat(TopK.correct(logits, 0, 4, 0, 3)).isFalse();
    assertThat(TopK.correct(logits, 1, 4, 1, 1)).as("a tie counts for the target").isTrue();
    assertThat(TopK.argmax(logits, 0, 4)).isEqualTo(3);
  }

  @Test
  void contentDistanceIgnoresPerChannelScaleAndShift() {
    float[] maps = new float[2 * 2 * 4];
    float[] base = {1, 2, 3, 5, -1, 0, 4, 2};
    for (int i = 0; i < 8; i++) {
      maps[i] = base[i];
      maps[8 + i] = i < 4 ? 3 * base[i] + 7 : 0.5f * base[i] - 2; // per-channel affine change: a "style"
    }
    double[] a = ContentDistance.normalize(maps, 0, 2, 4);
    double[] b = ContentDistance.normalize(maps, 1, 2, 4);
    assertThat(ContentDistance.l2(a, b)).isCloseTo(0, within(1e-3));
    double mean = java.util.Arrays.stream(a, 0, 4).average().orElseThrow();
    double var = java.util.Arrays.stream(a, 0, 4).map(v -> (v - mean) * (v - mean)).average().orElseThrow();
    assertThat(mean).isCloseTo(0, within(1e-9));
    assertThat(var).isCloseTo(1, within(1e-3));
    assertThat(ContentDistance.l2(new double[] {0, 3}, new double[] {4, 0})).isEqualTo(5);
  }

  @Test
  void pixelL1ClipsTheOutputFirst() {
    assertThat(PixelL1.of(new float[] {2, -1}, 0, new float[] {1, 0}, 0, 2)).isEqualTo(0.5);
  }
}
