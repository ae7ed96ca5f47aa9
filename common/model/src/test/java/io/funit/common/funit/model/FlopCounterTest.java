package io.funit.common.funit.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The FLOP count of a two-convolution chain, pass by pass: what autograd runs, and nothing it does not. */
class FlopCounterTest {
  /** (2,4,6,6) → 3×3 conv to 5 channels → (2,5,4,4): 160 outputs × 36 multiply-adds, 2 FLOPs each. */
  private static final long FIRST = 2L * 2 * 5 * 4 * 4 * 4 * 9;
  /** (2,5,4,4) → 3×3 conv to 3 channels → (2,3,2,2). */
  private static final long SECOND = 2L * 2 * 3 * 2 * 2 * 5 * 9;

  private final NDManager m = NDManager.newBaseManager();
  private final ConvLayer first = new ConvLayer(4, 5, 3, 1, true);
  private final ConvLayer second = new ConvLayer(5, 3, 3, 1, true);

  FlopCounterTest() {
    first.initialize(m, DataType.FLOAT32, new Shape(2, 4, 6, 6));
    second.initialize(m, DataType.FLOAT32, new Shape(2, 5, 4, 4));
  }

  @AfterEach
  void close() {
    FlopCounter.stop();
    m.close();
  }

  @Test
  void withoutAGraphOnlyTheForwardPassesCount() {
    assertThat(count(m.randomNormal(new Shape(2, 4, 6, 6)), false)).isEqualTo(FIRST + SECOND);
  }

  @Test
  void anActivationInTheGraphCountsItsInputGradientPass() {
    // data needs no gradient: the first layer adds its weight gradient; the second layer's input is an activation,
    // which DJL's requiresGrad reads as false, so it adds an input and a weight gradient
    NDArray data = m.randomNormal(new Shape(2, 4, 6, 6));
    assertThat(count(data, true)).isEqualTo(2 * FIRST + 3 * SECOND);
  }

  @Test
  void anInputThatRequiresAGradientCountsOneMorePass() {
    NDArray input = m.randomNormal(new Shape(2, 4, 6, 6));
    input.setRequiresGradient(true);
    assertThat(count(input, true)).isEqualTo(3 * FIRST + 3 * SECOND);
    // the probe must not clear a flag: the leaves still require their gradients, and got them
    assertThat(input.hasGradient()).isTrue();
    assertThat(first.getParameters().valueAt(0).getArray().hasGradient()).isTrue();
    assertThat(input.getGradient().abs().sum().getFloat()).isPositive();
  }

  @Test
  void frozenWeightsCountNoWeightGradient() {
    NDArray input = m.randomNormal(new Shape(2, 4, 6, 6));
    input.setRequiresGradient(true);
    first.getParameters().forEach(p -> p.getValue().getArray().setRequiresGradient(false));
    second.getParameters().forEach(p -> p.getValue().getArray().setRequiresGradient(false));
    assertThat(count(input, true)).isEqualTo(2 * FIRST + 2 * SECOND);
  }

  private long count(NDArray input, boolean recording) {
    ParameterStore store = new ParameterStore(m, false);
    FlopCounter.start();
    if (recording) {
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        collector.backward(chain(store, input).sum());
      }
    } else {
      chain(store, input);
    }
    FlopCounter.stop();
    return FlopCounter.total();
  }

  private NDArray chain(ParameterStore store, NDArray input) {
    NDArray hidden = first.forward(store, new NDList(input), true).singletonOrThrow();
    return second.forward(store, new NDList(hidden), true).singletonOrThrow();
  }
}
