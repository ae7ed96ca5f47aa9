package io.funit.common.stargan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import io.funit.common.funit.weights.StateDictKeys;
import io.funit.common.stargan.config.StarGanDiscriminatorConfig;
import io.funit.common.stargan.config.StarGanGeneratorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StarGanNetworksShapeTest {
  private final NDManager m = NDManager.newBaseManager();
  private final ParameterStore store = new ParameterStore(m, false);

  @AfterEach
  void close() {
    m.close();
  }

  private <B extends Block> B init(B block, Shape... inputs) {
    block.setInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
        XavierInitializer.FactorType.IN, 2), ai.djl.nn.Parameter.Type.WEIGHT);
    block.initialize(m, DataType.FLOAT32, inputs);
    return block;
  }

  @Test
  void thePapersNetworksHaveTheAuthorsParameterCounts() {
    // CelebA's five attributes at 128 pixels: the authors' generator prints 8,430,528 parameters
    StarGanGenerator gen = init(new StarGanGenerator(StarGanGeneratorConfig.PAPER, 5), new Shape(1, 3, 128, 128),
        new Shape(1, 5));
    assertThat(StateDictKeys.count(gen)).isEqualTo(8_430_528L);
    // six 4×4 convolutions with bias (3 → 64 → … → 2048), D_src 3×3 to one channel, D_cls 2×2 to five, no biases
    long trunk = 0;
    int in = 3;
    for (int i = 0; i < 6; i++) {
      int out = 64 << i;
      trunk += (long) out * in * 16 + out;
      in = out;
    }
    StarGanDiscriminator dis = init(new StarGanDiscriminator(StarGanDiscriminatorConfig.PAPER, 128, 5),
        new Shape(1, 3, 128, 128));
    assertThat(StateDictKeys.count(dis)).isEqualTo(trunk + 2048L * 9 + 5L * 2048 * 4);
  }

  @Test
  void aSixtyFourPixelGeneratorAndDiscriminatorProduceTheDocumentedShapes() {
    StarGanGenerator gen = init(new StarGanGenerator(new StarGanGeneratorConfig(16, 2, 2), 7),
        new Shape(1, 3, 64, 64), new Shape(1, 7));
    NDArray images = m.randomUniform(-1, 1, new Shape(2, 3, 64, 64));
    NDArray targets = m.create(new long[] {0, 6}).oneHot(7).toType(DataType.FLOAT32, false);
    NDArray translated = gen.translate(store, images, targets, false);
    assertThat(translated.getShape()).isEqualTo(new Shape(2, 3, 64, 64));
    assertThat(translated.abs().max().getFloat()).isLessThanOrEqualTo(1f);
    StarGanDiscriminator dis = init(new StarGanDiscriminator(new StarGanDiscriminatorConfig(16, 5), 64, 7),
        new Shape(1, 3, 64, 64));
    NDList out = dis.forward(store, new NDList(images), false);
    assertThat(out.get(0).getShape()).isEqualTo(new Shape(2, 2, 2));
    assertThat(out.get(1).getShape()).isEqualTo(new Shape(2, 7));
  }

  @Test
  void theRealnessTangentIsTheDirectionalDerivative() {
    StarGanDiscriminator dis = init(new StarGanDiscriminator(new StarGanDiscriminatorConfig(8, 3), 16, 3),
        new Shape(1, 3, 16, 16));
    NDArray x = m.randomUniform(-1, 1, new Shape(2, 3, 16, 16));
    NDArray v = m.randomNormal(new Shape(2, 3, 16, 16));
    NDArray[] tangent = dis.realnessTangent(store, x, v, false);
    NDArray primal = dis.forward(store, new NDList(x), false).get(0);
    assertThat(tangent[0].sub(primal).abs().max().getFloat()).isLessThan(1e-5f);
    // each patch's own input gradient by autograd, dotted with the direction: exact, unlike finite differences,
    // which cross LeakyReLU kinks at steps large enough to rise above float32 noise
    float[] numeric = new float[(int) primal.size()];
    for (int p = 0; p < numeric.length; p++) {
      NDArray input = x.duplicate();
      input.setRequiresGradient(true);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        collector.backward(dis.forward(store, new NDList(input), true).get(0).reshape(-1).get(p));
      }
      numeric[p] = input.getGradient().mul(v).sum().getFloat();
    }
    float[] analytic = tangent[1].toFloatArray();
    for (int i = 0; i < numeric.length; i++) {
      assertThat((double) analytic[i]).as("patch %d", i).isCloseTo(numeric[i],
          within(1e-4 + 1e-3 * Math.abs(numeric[i])));
    }
  }
}
