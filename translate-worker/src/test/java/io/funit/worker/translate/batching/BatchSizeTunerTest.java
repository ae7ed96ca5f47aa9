package io.funit.worker.translate.batching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class BatchSizeTunerTest {
  /** Runs full batches at the tuner's cap for {@code passes} passes, each costing {@code perImage(size)} a image. */
  private static int settle(BatchSizeTuner tuner, IntToDoubleFunction perImage, int passes) {
    for (int i = 0; i < passes; i++) {
      int size = tuner.cap();
      tuner.record(size, (long) (perImage.applyAsDouble(size) * size * 1e9));
    }
    return tuner.cap();
  }

  @Test
  void startsAtOneImageAndGrowsWhileBiggerPassesAreCheaperPerImage() {
    BatchSizeTuner tuner = new BatchSizeTuner(32);
    assertThat(tuner.cap()).isEqualTo(1);
    // a GPU-like cost: a pass costs 20 ms plus 1 ms an image, so the biggest batch pays most
    assertThat(settle(tuner, size -> (0.020 + 0.001 * size) / size, 20)).isEqualTo(32);
  }

  @Test
  void stopsWherePassesGetDearerPerImage() {
    // as measured on the 2-core CPU: per image, 8 is cheapest; 16 and 32 cost more than 1
    double[] cost = {0.045, 0.040, 0.038, 0.036, 0.050, 0.100};
    BatchSizeTuner tuner = new BatchSizeTuner(32);
    int cap = settle(tuner, size -> cost[Integer.numberOfTrailingZeros(size)], 30);
    assertThat(cap).isEqualTo(8);
    // and it comes back to 8 after each look at 16, which it takes less and less often (the wait doubles each time)
    int atSixteen = 0;
    for (int i = 0; i < 16 * BatchSizeTuner.EXPLORE_EVERY; i++) {
      int size = tuner.cap();
      atSixteen += size == 16 ? 1 : 0;
      tuner.record(size, (long) (cost[Integer.numberOfTrailingZeros(size)] * size * 1e9));
    }
    assertThat(atSixteen).isBetween(3, 5); // after 32 (or so), 64, 128, 256 passes: not 16 times
    assertThat(tuner.cap()).isEqualTo(8);
  }

  @Test
  void prefersTheBiggerBatchWhenItCostsAlmostTheSame() {
    double[] cost = {0.045, 0.040, 0.038, 0.036, 0.0375, 0.100}; // 16 within 10 % of 8
    assertThat(settle(new BatchSizeTuner(32), size -> cost[Integer.numberOfTrailingZeros(size)], 30)).isEqualTo(16);
  }

  @Test
  void staysNearTheBestSizeWhenPassTimesAreNoisy() {
    // timings on a busy 2-core machine: each pass off by up to 30 % either way
    double[] cost = {0.045, 0.040, 0.038, 0.036, 0.050, 0.100};
    java.util.Random random = new java.util.Random(3);
    BatchSizeTuner tuner = new BatchSizeTuner(32);
    int[] passesAt = new int[33];
    for (int i = 0; i < 2000; i++) {
      int size = tuner.cap();
      passesAt[size]++;
      double noise = 0.7 + 0.6 * random.nextDouble();
      tuner.record(size, (long) (cost[Integer.numberOfTrailingZeros(size)] * noise * size * 1e9));
    }
    assertThat(passesAt[4] + passesAt[8] + passesAt[16]).as("near the cheapest").isGreaterThan(1800);
    assertThat(passesAt[32]).as("the dearest, tried rarely").isLessThan(100);
  }

  @Test
  void aSlowFirstMinuteDoesNotHoldTheCapSmall() {
    // for the first 300 passes a third of them 3 times dearer (a process's JIT compilers at work, a collection),
    // then ordinary noise; 8 is cheapest. Within 200 passes after that the cap is back at 8, whatever the draws.
    double[] cost = {0.045, 0.040, 0.038, 0.036};
    int heldSmall = 0;
    for (int seed = 0; seed < 200; seed++) {
      java.util.Random random = new java.util.Random(seed);
      BatchSizeTuner tuner = new BatchSizeTuner(8);
      for (int i = 0; i < 500; i++) {
        int size = tuner.cap();
        double noise = (i < 300 && random.nextDouble() < 1 / 3.0 ? 3 : 1) * (0.9 + 0.2 * random.nextDouble());
        tuner.record(size, (long) (cost[Integer.numberOfTrailingZeros(size)] * noise * size * 1e9));
      }
      heldSmall += tuner.cap() < 8 ? 1 : 0;
    }
    assertThat(heldSmall).isZero();
  }

  @Test
  void fallsBackToOneImageWhenBatchingDoesNotPay() {
    BatchSizeTuner tuner = new BatchSizeTuner(32);
    assertThat(settle(tuner, size -> 0.030 * Math.sqrt(size), 30)).isEqualTo(1);
  }

  @Test
  void followsTheHardwareWhenCostsChange() {
    BatchSizeTuner tuner = new BatchSizeTuner(16);
    assertThat(settle(tuner, size -> 0.030 * Math.sqrt(size), 10)).isEqualTo(1);
    // the machine frees up (or the model moves to a GPU): bigger passes now pay, found within a few explorations
    assertThat(settle(tuner, size -> 0.030 / size + 0.001, 6 * BatchSizeTuner.EXPLORE_EVERY)).isEqualTo(16);
  }

  @Test
  void aMaximumThatIsNoPowerOfTwoIsTheTopClassAndOneTurnsBatchingOff() {
    BatchSizeTuner tuner = new BatchSizeTuner(12);
    assertThat(settle(tuner, size -> 0.030 / size + 0.001, 20)).isEqualTo(12);
    BatchSizeTuner off = new BatchSizeTuner(1);
    assertThat(settle(off, size -> 0.030 / size, 20)).isEqualTo(1);
  }
}
