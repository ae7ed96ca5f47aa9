package io.funit.common.funit.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.funit.common.funit.config.DiscriminatorConfig;
import io.funit.common.funit.config.DiscriminatorHead;
import io.funit.common.funit.config.FunitConfig;
import io.funit.common.funit.config.Presets;
import io.funit.common.funit.weights.StateDictKeys;
import org.junit.jupiter.api.Test;

class ModelShapesTest {
  @Test
  void font64NetworksProduceTheDocumentedShapes() {
    FunitConfig config = Presets.FONT_64.withNumClasses(7);
    try (FunitNetworks nets = FunitNetworks.create(config, 1); NDManager m = NDManager.newBaseManager()) {
      ParameterStore store = new ParameterStore(m, false);
      NDArray content = m.randomUniform(-1, 1, new Shape(2, 3, 64, 64));
      NDArray classImages = m.randomUniform(-1, 1, new Shape(2, 3, 3, 64, 64));
      NDArray contentCode = nets.gen().contentCode(store, content, false);
      assertThat(contentCode.getShape()).isEqualTo(new Shape(2, 128, 16, 16));
      NDArray classCode = nets.gen().kShotClassCode(store, classImages, false);
      assertThat(classCode.getShape()).isEqualTo(new Shape(2, 64));
      NDArray translated = nets.gen().decode(store, contentCode, classCode, false);
      assertThat(translated.getShape()).isEqualTo(new Shape(2, 3, 64, 64));
      assertThat(translated.abs().max().getFloat()).isLessThanOrEqualTo(1f);

      NDArray labels = m.create(new long[] {0, 6});
      NDList out = nets.dis().forward(store, new NDList(content, labels), false);
      assertThat(out.get(0).getShape()).isEqualTo(new Shape(2, 16, 16));
      assertThat(out.get(1).getShape()).isEqualTo(new Shape(2, 256, 16, 16));
      assertThat(out.get(1).getDataType()).isEqualTo(DataType.FLOAT32);
    }
  }

  @Test
  void projectionHeadScoresEveryClassWithOneSharedMapPlusItsEmbedding() {
    FunitConfig base = Presets.FONT_64.withNumClasses(7);
    DiscriminatorConfig d = base.dis();
    FunitConfig config = new FunitConfig(base.preset(), base.imageSize(), base.batchSize(), base.gen(),
        new DiscriminatorConfig(d.nf(), d.nResBlks(), d.numClasses(), d.inPlaceActivation(),
            DiscriminatorHead.PROJECTION), base.genOpt(), base.disOpt(), base.loss(), base.emaBeta(), base.emaWarmup(),
        base.maxIter(), base.emaRamp());
    try (FunitNetworks nets = FunitNetworks.create(config, 1); NDManager m = NDManager.newBaseManager()) {
      ParameterStore store = new ParameterStore(m, false);
      assertThat(StateDictKeys.of(nets.dis())).containsKey("embedder.weight");
      assertThat(StateDictKeys.of(nets.dis()).get("cnn_c.0.conv.weight").getShape())
          .isEqualTo(new Shape(1, 256, 1, 1));
      NDArray image = m.randomUniform(-1, 1, new Shape(1, 3, 64, 64));
      NDArray twice = image.concat(image);
      NDArray out = nets.dis().forward(store, new NDList(twice, m.create(new long[] {0, 6})), false).get(0);
      assertThat(out.getShape()).isEqualTo(new Shape(2, 16, 16));
      // one image, two classes: the maps differ by a constant, the difference of the two classes' projections
      NDArray difference = out.get(0).sub(out.get(1));
      assertThat(difference.max().getFloat() - difference.min().getFloat()).isLessThan(1e-4f);
      assertThat(Math.abs(difference.mean().getFloat())).isGreaterThan(1e-4f);
    }
  }

  /** HeldOutGrid encodes a font's K images once and decodes every character with that one code. */
  @Test
  void oneKShotCodeRepeatedEqualsTheForwardPassWithTheSameKImagesPerContent() {
    try (FunitNetworks nets = FunitNetworks.create(Presets.FONT_64.withNumClasses(3), 2);
        NDManager m = NDManager.newBaseManager()) {
      ParameterStore store = new ParameterStore(m, false);
      NDArray content = m.randomUniform(-1, 1, new Shape(3, 3, 64, 64));
      NDArray shots = m.randomUniform(-1, 1, new Shape(1, 2, 3, 64, 64));
      NDArray viaForward = nets.gen().forward(store, new NDList(content, shots.repeat(0, 3)), false)
          .singletonOrThrow();
      NDArray viaOneCode = nets.gen().decode(store, nets.gen().contentCode(store, content, false),
          nets.gen().kShotClassCode(store, shots, false).repeat(0, 3), false);
      assertThat(viaOneCode.sub(viaForward).abs().max().getFloat()).isLessThan(1e-5f);
    }
  }

  @Test
  void officialAnimalNetworksProduceTheSpecsShapes() {
    try (FunitNetworks nets = FunitNetworks.create(Presets.ANIMAL_128, 1); NDManager m = NDManager.newBaseManager()) {
      ParameterStore store = new ParameterStore(m, false);
      NDArray image = m.randomUniform(-1, 1, new Shape(1, 3, 128, 128));
      assertThat(nets.gen().contentCode(store, image, false).getShape()).isEqualTo(new Shape(1, 512, 16, 16));
      assertThat(nets.gen().classCode(store, image, false).getShape()).isEqualTo(new Shape(1, 64));
      NDList out = nets.dis().forward(store, new NDList(image, m.create(new long[] {118})), false);
      assertThat(out.get(0).getShape()).isEqualTo(new Shape(1, 8, 8));
      assertThat(out.get(1).getShape()).isEqualTo(new Shape(1, 1024, 8, 8));
    }
  }

  @Test
  void emaGeneratorStartsAsAnExactCopy() {
    try (FunitNetworks nets = FunitNetworks.create(Presets.FONT_64.withNumClasses(3), 5)) {
      var gen = io.funit.common.funit.weights.StateDictKeys.of(nets.gen());
      var ema = io.funit.common.funit.weights.StateDictKeys.of(nets.genTest());
      gen.forEach((key, p) -> assertThat(ema.get(key).getArray().contentEquals(p.getArray())).as(key).isTrue());
      // kaiming fan-in: std √(2/fan_in) for the first conv (fan_in 3·7·7)
      float[] w = gen.get("enc_content.model.0.conv.weight").getArray().toFloatArray();
      double std = Math.sqrt(java.util.stream.IntStream.range(0, w.length).mapToDouble(i -> w[i] * (double) w[i]).sum() / w.length);
      assertThat(std).isCloseTo(Math.sqrt(2.0 / 147), org.assertj.core.data.Offset.offset(0.03));
      assertThat(gen.get("enc_content.model.0.conv.bias").getArray().abs().sum().getFloat()).isZero();
    }
  }
}
