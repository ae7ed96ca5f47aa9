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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a graph saves for its backward must outlive the Java handles: a garbage collection between the forward and
 * the backward frees the direct buffers of tensors DJL made from Java data, and a backward that still needed one
 * read freed memory (see {@link Ops#scale}).
 */
class OwnedTensorsTest {
  private final NDManager m = NDManager.newBaseManager();

  @AfterEach
  void close() {
    m.close();
  }

  @Test
  void aScalarFactorSurvivesACollectionBeforeTheBackward() throws InterruptedException {
    for (int round = 0; round < 3; round++) {
      NDArray x = m.ones(new Shape(4));
      x.setRequiresGradient(true);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray y = Ops.scale(x, 3).sum();
        collectAndReuseFreedMemory();
        collector.backward(y);
      }
      assertThat(x.getGradient().toFloatArray()).containsExactly(3, 3, 3, 3);
    }
  }

  /**
   * A block closes its intermediates when it returns, in training too ({@link Intermediates}): the padded input among
   * them, which the convolution's backward needs.
   */
  @Test
  void aBlocksClosedIntermediatesLeaveItsGradientsIntact() throws InterruptedException {
    Conv2dBlock block = new Conv2dBlock(2, 3, 3, 1, 1, Norm.NONE, Nonlinearity.LRELU, Padding.REFLECT);
    block.initialize(m, DataType.FLOAT32, new Shape(2, 2, 8, 8));
    NDArray x = m.randomNormal(new Shape(2, 2, 8, 8));
    float[] undisturbed = inputGradient(block, x, false);
    for (int round = 0; round < 3; round++) {
      assertThat(inputGradient(block, x, true)).containsExactly(undisturbed, Offset.offset(1e-6f));
    }
  }

  private float[] inputGradient(Conv2dBlock block, NDArray x, boolean collectBeforeBackward)
      throws InterruptedException {
    NDArray input = x.duplicate();
    input.setRequiresGradient(true);
    try (NDManager scope = m.newSubManager();
        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray out = block.forward(new ParameterStore(scope, false), new NDList(input), true).singletonOrThrow();
      NDArray loss = out.square().sum();
      if (collectBeforeBackward) {
        collectAndReuseFreedMemory();
      }
      collector.backward(loss);
    }
    return input.getGradient().toFloatArray();
  }

  /** Runs the collector and the buffers' cleaners, then fills memory of the sizes just freed with other values. */
  private static void collectAndReuseFreedMemory() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    List<ByteBuffer> junk = new ArrayList<>();
    for (int size = 4; size <= 4096; size += 4) {
      for (int copy = 0; copy < 4; copy++) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
        while (buffer.remaining() >= 4) {
          buffer.putFloat(1234.5f);
        }
        junk.add(buffer);
      }
    }
    assertThat(junk).isNotEmpty();
  }
}
