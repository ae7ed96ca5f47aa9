package io.funit.common.stargan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import io.funit.common.funit.model.Ops;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The two layers StarGAN's paper writes differently from how they are computed here, against the paper's form. */
class StarGanLayersTest {
  private final NDManager m = NDManager.newBaseManager();
  private final ParameterStore store = new ParameterStore(m, false);

  @AfterEach
  void close() {
    m.close();
  }

  private <B extends Block> B init(B block, Shape... inputs) {
    block.setInitializer(new NormalInitializer(0.5f), ai.djl.nn.Parameter.Type.WEIGHT);
    block.initialize(m, DataType.FLOAT32, inputs);
    return block;
  }

  @Test
  void transposedConvolutionEqualsTheDefinitionOfConvTranspose2d() {
    int in = 3;
    int out = 2;
    int h = 5;
    int w = 4;
    TransposedConv2x layer = init(new TransposedConv2x(in, out), new Shape(2, in, h, w));
    NDArray x = m.randomNormal(new Shape(2, in, h, w));
    float[] y = layer.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
    // stride 2, padding 1: input pixel (r, c) adds x·W[.., kr, kc] to output pixel (2r − 1 + kr, 2c − 1 + kc)
    float[] xs = x.toFloatArray();
    float[] ws = layer.getParameters().valueAt(0).getArray().toFloatArray();
    double[] expected = new double[2 * out * 2 * h * 2 * w];
    for (int b = 0; b < 2; b++) {
      for (int c = 0; c < in; c++) {
        for (int r = 0; r < h; r++) {
          for (int col = 0; col < w; col++) {
            for (int o = 0; o < out; o++) {
              for (int kr = 0; kr < 4; kr++) {
                for (int kc = 0; kc < 4; kc++) {
                  int orow = 2 * r - 1 + kr;
                  int ocol = 2 * col - 1 + kc;
                  if (orow >= 0 && orow < 2 * h && ocol >= 0 && ocol < 2 * w) {
                    expected[((b * out + o) * 2 * h + orow) * 2 * w + ocol] +=
                        xs[((b * in + c) * h + r) * w + col] * ws[((c * out + o) * 4 + kr) * 4 + kc];
                  }
                }
              }
            }
          }
        }
      }
    }
    assertThat(y).hasSize(expected.length);
    for (int i = 0; i < y.length; i++) {
      assertThat((double) y[i]).as("element %d", i).isCloseTo(expected[i], within(1e-4));
    }
  }

  @Test
  void domainChannelsByAPerSampleKernelEqualTheConcatenatedConstantChannels() {
    int domains = 4;
    DomainConditionedConv layer = init(new DomainConditionedConv(3, domains, 6, 7, 3), new Shape(2, 3, 9, 9),
        new Shape(2, domains));
    NDArray x = m.randomNormal(new Shape(2, 3, 9, 9));
    // one one-hot and one mixed vector, as training and StarGAN-Fair-K feed them
    NDArray c = m.create(new float[] {0, 0, 1, 0, 0.1f, 0.5f, 0.3f, 0.1f}, new Shape(2, domains));
    NDArray y = layer.forward(store, new NDList(x, c), false).singletonOrThrow();
    NDArray channels = c.reshape(2, domains, 1, 1).broadcast(2, domains, 9, 9);
    NDArray expected = Conv2d.conv2d(Ops.zeroPad(NDArrays.concat(new NDList(x, channels), 1), 3),
        layer.getParameters().valueAt(0).getArray(), null, new Shape(1, 1), new Shape(0, 0), new Shape(1, 1))
        .singletonOrThrow();
    assertThat(y.getShape()).isEqualTo(new Shape(2, 6, 9, 9));
    assertThat(y.sub(expected).abs().max().getFloat()).isLessThan(1e-4f);
    // the border pixels see part of the constant channels: the domain term is not a constant map
    NDArray domainTerm = y.sub(layer.forward(store, new NDList(x, c.zerosLike()), false).singletonOrThrow());
    assertThat(domainTerm.get("0, 0, 0, 0").getFloat()).isNotCloseTo(domainTerm.get("0, 0, 4, 4").getFloat(),
        within(1e-3f));
  }
}
