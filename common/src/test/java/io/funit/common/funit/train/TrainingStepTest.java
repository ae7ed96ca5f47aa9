package io.funit.common.funit.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.funit.common.funit.config.FunitConfig;
import io.funit.common.funit.config.LossConfig;
import io.funit.common.funit.model.FunitNetworks;
import io.funit.common.funit.model.MultiTaskPatchDiscriminator;
import io.funit.common.funit.weights.StateDictKeys;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TrainingStepTest {
  private final NDManager m = NDManager.newBaseManager();

  @AfterEach
  void close() {
    m.close();
  }

  private NDArray meanD(MultiTaskPatchDiscriminator dis, NDArray x, NDArray labels) {
    ParameterStore store = new ParameterStore(m, false);
    return dis.forward(store, new NDList(x, labels), false).get(0).mean();
  }

  private float r1Value(MultiTaskPatchDiscriminator dis, NDArray x, NDArray labels) {
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray input = x.duplicate();
      input.setRequiresGradient(true);
      NDArray real = dis.forward(new ParameterStore(m, false), new NDList(input, labels), true).get(0);
      return R1Penalty.of(real, input, 0).penalty().getFloat();
    }
  }

  @Test
  void r1InputGradientMatchesFiniteDifferences() {
    FunitConfig config = TinyModels.config(LossConfig.OFFICIAL);
    try (FunitNetworks nets = FunitNetworks.create(config, 3)) {
      NDArray x = m.randomUniform(-1, 1, new Shape(2, 3, 16, 16));
      NDArray labels = m.create(new long[] {1, 4});
      float[] g;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray input = x.duplicate();
        input.setRequiresGradient(true);
        NDArray real = nets.dis().forward(new ParameterStore(m, false), new NDList(input, labels), true).get(0);
        R1Penalty.of(real, input, 0);
        g = input.getGradient().toFloatArray();
      }
      float[] base = x.toFloatArray();
      float eps = 1e-2f;
      for (int index : new int[] {0, 100, 777, 1500}) {
        float[] plus = base.clone();
        float[] minus = base.clone();
        plus[index] += eps;
        minus[index] -= eps;
        double numeric = (meanD(nets.dis(), m.create(plus, x.getShape()), labels).getFloat()
            - meanD(nets.dis(), m.create(minus, x.getShape()), labels).getFloat()) / (2 * eps);
        assertThat((double) g[index]).as("element %d", index).isCloseTo(numeric, within(2e-4 + 0.02 * Math.abs(numeric)));
      }
    }
  }

  @Test
  void r1ParameterGradientMatchesFiniteDifferences() {
    FunitConfig config = TinyModels.config(new LossConfig(0, 0, 0, 1, 0));
    try (FunitNetworks nets = FunitNetworks.create(config, 4)) {
      NDArray x = m.randomUniform(-1, 1, new Shape(2, 3, 16, 16));
      NDArray labels = m.create(new long[] {0, 2});
      MultiTaskPatchDiscriminator dis = nets.dis();
      Gradients.zero(dis);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray input = x.duplicate();
        input.setRequiresGradient(true);
        NDArray real = dis.forward(new ParameterStore(m, false), new NDList(input, labels), true).get(0);
        R1Penalty r1 = R1Penalty.of(real, input, 0);
        collector.backward(r1.penalty().sub(r1.strayTerm()));
      }
      Parameter weight = StateDictKeys.of(dis).get("cnn_f.1.conv_0.conv.weight");
      float[] analytic = weight.getArray().getGradient().toFloatArray();
      int index = argMaxAbs(analytic);
      float[] theta = weight.getArray().toFloatArray();
      // the net is piecewise linear: large steps cross kinks, so take central differences at two small steps
      double[] numeric = new double[2];
      float[] steps = {1e-4f, 3e-5f};
      float[] shifted = theta.clone();
      for (int i = 0; i < steps.length; i++) {
        shifted[index] = theta[index] + steps[i];
        weight.getArray().set(shifted);
        float plus = r1Value(dis, x, labels);
        shifted[index] = theta[index] - steps[i];
        weight.getArray().set(shifted);
        float minus = r1Value(dis, x, labels);
        numeric[i] = (plus - minus) / (2.0 * steps[i]);
      }
      weight.getArray().set(theta);
      double closest = Math.abs(numeric[0] - analytic[index]) < Math.abs(numeric[1] - analytic[index]) ? numeric[0] : numeric[1];
      assertThat((double) analytic[index]).isCloseTo(closest, within(0.03 * Math.abs(closest)));
    }
  }

  @Test
  void createGraphBackwardLeavesNoStrayGradientInTheDiscriminator() {
    // every loss weight 0: all that could reach D's grads is the create-graph term, which must cancel
    FunitConfig config = TinyModels.config(new LossConfig(0, 0, 0, 0, 0));
    try (FunitNetworks nets = FunitNetworks.create(config, 5); FunitTrainer trainer = new FunitTrainer(nets)) {
      TrainingBatch batch = TinyModels.batch(m, config, 1, 0);
      trainer.discriminatorStep(batch);
      long params = StateDictKeys.count(nets.dis());
      assertThat(Gradients.absSum(nets.dis()) / params).isLessThan(1e-7);
    }
    FunitConfig real = TinyModels.config(LossConfig.OFFICIAL);
    try (FunitNetworks nets = FunitNetworks.create(real, 5); FunitTrainer trainer = new FunitTrainer(nets)) {
      trainer.discriminatorStep(TinyModels.batch(m, real, 1, 0));
      assertThat(Gradients.absSum(nets.dis())).isGreaterThan(1e-3);
    }
  }

  @Test
  void eachStepStartsFromZeroGradientsSoNothingLeaksBetweenNetworks() {
    FunitConfig silent = TinyModels.config(new LossConfig(0, 0, 0, 0, 0));
    try (FunitNetworks nets = FunitNetworks.create(silent, 6); FunitTrainer trainer = new FunitTrainer(nets)) {
      // a G step with real losses fills both G's and (through the fakes and features) D's gradients
      FunitConfig loud = TinyModels.config(LossConfig.OFFICIAL);
      try (FunitNetworks other = FunitNetworks.create(loud, 6); FunitTrainer filler = new FunitTrainer(other)) {
        filler.generatorStep(TinyModels.batch(m, loud, 2, 0));
        assertThat(Gradients.absSum(other.dis())).isGreaterThan(1e-3);
        assertThat(Gradients.absSum(other.gen())).isGreaterThan(1e-3);
      }
      trainer.generatorStep(TinyModels.batch(m, silent, 2, 0));
      double disAfterGenStep = Gradients.absSum(nets.dis());
      trainer.discriminatorStep(TinyModels.batch(m, silent, 2, 0));
      assertThat(Gradients.absSum(nets.dis()) / StateDictKeys.count(nets.dis())).isLessThan(1e-7);
      assertThat(Gradients.absSum(nets.gen())).isLessThan(1e-9);
      assertThat(disAfterGenStep).isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  void generatorStepDoesNotTouchTheDiscriminatorsWeights() {
    FunitConfig config = TinyModels.config(LossConfig.OFFICIAL);
    try (FunitNetworks nets = FunitNetworks.create(config, 7); FunitTrainer trainer = new FunitTrainer(nets)) {
      float[] before = StateDictKeys.of(nets.dis()).get("cnn_c.0.conv.weight").getArray().toFloatArray();
      float[] genBefore = StateDictKeys.of(nets.gen()).get("dec.model.0.model.0.model.0.conv.weight").getArray().toFloatArray();
      trainer.generatorStep(TinyModels.batch(m, config, 3, 0));
      assertThat(StateDictKeys.of(nets.dis()).get("cnn_c.0.conv.weight").getArray().toFloatArray()).containsExactly(before);
      assertThat(StateDictKeys.of(nets.gen()).get("dec.model.0.model.0.model.0.conv.weight").getArray().toFloatArray())
          .isNotEqualTo(genBefore);
    }
  }

  @Test
  void emaMovesTheAverageTowardsTheGeneratorByOneMinusBeta() {
    FunitConfig config = TinyModels.config(LossConfig.OFFICIAL);
    try (FunitNetworks nets = FunitNetworks.create(config, 8)) {
      Map<String, Parameter> gen = StateDictKeys.of(nets.gen());
      Map<String, Parameter> ema = StateDictKeys.of(nets.genTest());
      String key = "mlp.model.0.fc.bias";
      gen.get(key).getArray().set(filled(gen.get(key).getArray(), 3));
      ema.get(key).getArray().set(filled(ema.get(key).getArray(), 1));
      Ema.update(nets.genTest(), nets.gen(), 0.9);
      for (float v : ema.get(key).getArray().toFloatArray()) {
        assertThat(v).isCloseTo(1.2f, within(1e-6f));
      }
      assertThat(gen.get(key).getArray().toFloatArray()[0]).isEqualTo(3f);
    }
  }

  private static float[] filled(NDArray like, float value) {
    float[] data = new float[(int) like.size()];
    java.util.Arrays.fill(data, value);
    return data;
  }

  private static int argMaxAbs(float[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (Math.abs(values[i]) > Math.abs(values[best])) {
        best = i;
      }
    }
    return best;
  }
}
