package io.funit.common.funit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.funit.common.funit.train.NoGrad;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hand-written tensor operations against values computed by hand. */
class OpsTest {
  private final NDManager m = NDManager.newBaseManager();

  @AfterEach
  void close() {
    m.close();
  }

  @Test
  void reflectPadMirrorsWithoutRepeatingTheEdge() {
    NDArray x = m.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(1, 1, 2, 3));
    NDArray padded = Ops.reflectPad(x, 1);
    assertThat(padded.getShape()).isEqualTo(new Shape(1, 1, 4, 5));
    // rows: [5 4 5 6 5] [2 1 2 3 2] [5 4 5 6 5] [2 1 2 3 2]
    assertThat(padded.toFloatArray()).containsExactly(5, 4, 5, 6, 5, 2, 1, 2, 3, 2, 5, 4, 5, 6, 5, 2, 1, 2, 3, 2);
  }

  @Test
  void reflectPadEqualsFlippedSlicesInValueAndGradient() {
    NDArray x = m.randomNormal(new Shape(2, 3, 5, 6));
    NDArray weights = m.randomNormal(new Shape(2, 3, 9, 10));
    float[][] grads = new float[2][];
    float[][] values = new float[2][];
    for (int variant = 0; variant < 2; variant++) {
      NDArray input = x.duplicate(); // its own .grad: PyTorch accumulates gradients
      input.setRequiresGradient(true);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray padded = variant == 0 ? reflectPadBySlices(input, 2) : Ops.reflectPad(input, 2);
        values[variant] = padded.toFloatArray();
        collector.backward(padded.mul(weights).sum());
      }
      grads[variant] = input.getGradient().toFloatArray();
    }
    assertThat(values[1]).containsExactly(values[0]);
    assertThat(grads[1]).containsExactly(grads[0], org.assertj.core.data.Offset.offset(1e-6f));
  }

  @Test
  void reflectPadWithoutAGraphEqualsFlippedSlicesForEveryWidth() {
    for (int p = 1; p <= 3; p++) {
      NDArray x = m.randomNormal(new Shape(2, 3, 5, 7));
      try (NoGrad noGrad = new NoGrad()) {
        NDArray padded = Ops.reflectPad(x, p);
        assertThat(padded.getShape()).isEqualTo(new Shape(2, 3, 5 + 2 * p, 7 + 2 * p));
        assertThat(padded.toFloatArray()).as("p = %d", p).containsExactly(reflectPadBySlices(x, p).toFloatArray());
        assertThat(x.isReleased()).isFalse();
      }
    }
  }

  /** ReflectionPad2d written the direct way, from flipped edge slices: the reference for Ops.reflectPad. */
  private static NDArray reflectPadBySlices(NDArray x, int p) {
    long h = x.getShape().get(2);
    long w = x.getShape().get(3);
    NDArray left = x.get(":, :, :, 1:" + (p + 1)).flip(3);
    NDArray right = x.get(":, :, :, " + (w - p - 1) + ":" + (w - 1)).flip(3);
    NDArray wide = NDArrays.concat(new NDList(left, x, right), 3);
    NDArray top = wide.get(":, :, 1:" + (p + 1) + ", :").flip(2);
    NDArray bottom = wide.get(":, :, " + (h - p - 1) + ":" + (h - 1) + ", :").flip(2);
    return NDArrays.concat(new NDList(top, wide, bottom), 2);
  }

  @Test
  void zeroPadSurroundsWithZeros() {
    NDArray padded = Ops.zeroPad(m.create(new float[] {7}, new Shape(1, 1, 1, 1)), 1);
    assertThat(padded.toFloatArray()).containsExactly(0, 0, 0, 0, 7, 0, 0, 0, 0);
  }

  @Test
  void nearestUpsamplingRepeatsEachPixelAsA2x2Block() {
    NDArray up = Ops.upsampleNearest2x(m.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2)));
    assertThat(up.toFloatArray()).containsExactly(1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4);
  }

  @Test
  void nearestUpsamplingSendsEachInputTheSumOfItsFourCopiesGradients() {
    NDArray x = m.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(1, 1, 2, 3));
    x.setRequiresGradient(true);
    float[] weights = new float[24];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = i;
    }
    try (ai.djl.training.GradientCollector collector = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
      NDArray up = Ops.upsampleNearest2x(x);
      assertThat(up.getShape()).isEqualTo(new Shape(1, 1, 4, 6));
      collector.backward(up.mul(m.create(weights, new Shape(1, 1, 4, 6))).sum());
    }
    // input (r, c) is copied to rows 2r, 2r+1 and columns 2c, 2c+1 of the 4×6 output, whose weight is 6·row + col
    float[] expected = new float[6];
    for (int r = 0; r < 2; r++) {
      for (int c = 0; c < 3; c++) {
        for (int dr = 0; dr < 2; dr++) {
          for (int dc = 0; dc < 2; dc++) {
            expected[r * 3 + c] += 6 * (2 * r + dr) + 2 * c + dc;
          }
        }
      }
    }
    assertThat(x.getGradient().toFloatArray()).containsExactly(expected);
  }

  @Test
  void instanceNormUsesPerChannelBiasedVarianceAndEpsilonInsideTheRoot() {
    // channel 0: 1,2,3,4 → mean 2.5, biased var 1.25; channel 1 constant → 0 after normalization
    NDArray x = m.create(new float[] {1, 2, 3, 4, 5, 5, 5, 5}, new Shape(1, 2, 2, 2));
    float[] y = Ops.instanceNorm(x).toFloatArray();
    double sd = Math.sqrt(1.25 + 1e-5);
    assertThat((double) y[0]).isCloseTo(-1.5 / sd, within(1e-6));
    assertThat((double) y[3]).isCloseTo(1.5 / sd, within(1e-6));
    assertThat(y[4]).isZero();
  }

  @Test
  void instanceNormKeepsItsConstantsPastTheScopeAndManagerThatFirstNeededThem() {
    // 7 channels: a size no other test normalizes, so its kept tensors are made inside this scope
    float[] first;
    try (NDManager pass = NDManager.newBaseManager(); NDScope temporaries = new NDScope()) {
      first = Ops.instanceNorm(pass.arange(0f, 28f).reshape(1, 7, 2, 2)).toFloatArray();
    }
    float[] again = Ops.instanceNorm(m.arange(0f, 28f).reshape(1, 7, 2, 2)).toFloatArray();
    double sd = Math.sqrt(1.25 + 1e-5);
    assertThat((double) again[0]).isCloseTo(-1.5 / sd, within(1e-6));
    assertThat(again).containsExactly(first);
  }

  @Test
  void adaInScalesAndShiftsEachSamplesChannelsWithRawParameters() {
    NDArray x = m.create(new float[] {1, 2, 3, 4, 0, 0, 0, 2}, new Shape(2, 1, 2, 2));
    NDArray weight = m.create(new float[] {2, -1}, new Shape(2, 1));
    NDArray bias = m.create(new float[] {10, 0}, new Shape(2, 1));
    float[] y = Ops.adaIn(x, weight, bias).toFloatArray();
    double sd0 = Math.sqrt(1.25 + 1e-5);
    assertThat((double) y[0]).isCloseTo(10 + 2 * (-1.5 / sd0), within(1e-5));
    // sample 1: mean 0.5, biased var 0.75; the last pixel is (2-0.5)/√0.75, scaled by −1
    assertThat((double) y[7]).isCloseTo(-1.5 / Math.sqrt(0.75 + 1e-5), within(1e-5));
  }
}
