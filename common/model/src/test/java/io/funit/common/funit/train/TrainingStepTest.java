package io.funit.common.funit.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.funit.common.funit.config.DiscriminatorHead;
import io.funit.common.funit.config.FunitConfig;
import io.funit.common.funit.config.LossConfig;
import io.funit.common.funit.model.FunitNetworks;
import io.funit.common.funit.model.MultiTaskPatchDiscriminator;
import io.funit.common.funit.weights.StateDictKeys;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import ai.djl.pytorch.jni.JniUtils;
import io.funit.common.funit.config.R1Method;

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
    return R1Penalty.value(R1Penalty.inputGradient(dis, new ParameterStore(m, false), x, labels), 0).getFloat();
  }

  @Test
  void r1InputGradientMatchesFiniteDifferences() {
    FunitConfig config = TinyModels.config(LossConfig.OFFICIAL);
    try (FunitNetworks nets = FunitNetworks.create(config, 3)) {
      NDArray x = m.randomUniform(-1, 1, new Shape(2, 3, 16, 16));
      NDArray labels = m.create(new long[] {1, 4});
      float[] g = R1Penalty.inputGradient(nets.dis(), new ParameterStore(m, false), x, labels).toFloatArray();
      // frozen only while g is computed: D's parameters still require gradients, and got none from it
      assertThat(Gradients.absSum(nets.dis())).isZero();
      assertThat(nets.dis().getParameters().valueAt(0).getArray().hasGradient()).isTrue();
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

  @ParameterizedTest
  @EnumSource(R1Method.class)
  void r1ParameterGradientMatchesFiniteDifferencesOfThePenalty(R1Method method) {
    // only the penalty is weighted: D's gradient after the step must be exactly ∇θ reg, with no stray term
    FunitConfig config = TinyModels.config(new LossConfig(0, 0, 0, 1, 0, method));
    try (FunitNetworks nets = FunitNetworks.create(config, 4); FunitTrainer trainer = new FunitTrainer(nets)) {
      TrainingBatch batch = TinyModels.batch(m, config, 9, 0);
      MultiTaskPatchDiscriminator dis = nets.dis();
      Parameter weight = StateDictKeys.of(dis).get("cnn_f.1.conv_0.conv.weight");
      float[] theta = weight.getArray().toFloatArray();
      double[] numeric = new double[theta.length];
      int[] probes = {0, 37, 101, 200, 433};
      for (int index : probes) {
        numeric[index] = centralDifference(dis, weight, theta, index, batch);
      }
      trainer.discriminatorStep(batch);
      float[] analytic = weight.getArray().getGradient().toFloatArray();
      int checked = 0;
      for (int index : probes) {
        // float32 differences of a small penalty are noisy: judge the elements with a clear gradient
        if (Math.abs(numeric[index]) >= 1e-4) {
          checked++;
          assertThat((double) analytic[index]).as("%s element %d", method, index)
              .isCloseTo(numeric[index], within(0.06 * Math.abs(numeric[index])));
        }
      }
      assertThat(checked).isGreaterThanOrEqualTo(3);
    }
  }

  @ParameterizedTest
  @EnumSource(DiscriminatorHead.class)
  void createGraphBackwardLeavesNoStrayGradientInTheDiscriminator(DiscriminatorHead head) {
    // pure R1: the create-graph double backward equals the forward-mode tangent method (which has no create-graph
    // backward at all) only if the stray ∂mean(D)/∂θ the double backward adds was cancelled; for the projection
    // head it also checks the head's hand-written tangent against autograd
    assertSameGradients(r1Gradients(R1Method.DOUBLE_BACKWARD, 0, head), r1Gradients(R1Method.TANGENT, 0, head));
  }

  @ParameterizedTest
  @EnumSource(DiscriminatorHead.class)
  void withTheHingeLossesBothR1MethodsGiveTheSameUpdate(DiscriminatorHead head) {
    // the tangent method takes g from a frozen pass of its own and backpropagates the hinge losses alone; the double
    // backward takes g from the hinge losses' graph: the whole D gradient must agree
    assertSameGradients(r1Gradients(R1Method.DOUBLE_BACKWARD, 1, head), r1Gradients(R1Method.TANGENT, 1, head));
  }

  private static void assertSameGradients(double[] exact, double[] approximate) {
    double dot = 0;
    double normExact = 0;
    double normDiff = 0;
    for (int i = 0; i < exact.length; i++) {
      dot += exact[i] * approximate[i];
      normExact += exact[i] * exact[i];
      normDiff += (exact[i] - approximate[i]) * (exact[i] - approximate[i]);
    }
    assertThat(normExact).isGreaterThan(0);
    assertThat(Math.sqrt(normDiff / normExact)).as("relative L2 distance").isLessThan(1e-4);
    assertThat(dot / normExact).isCloseTo(1.0, within(1e-4));
  }

  private double[] r1Gradients(R1Method method, double ganWeight, DiscriminatorHead head) {
    FunitConfig config = TinyModels.config(new LossConfig(ganWeight, 0, 0, 10, 0, method), head);
    try (FunitNetworks nets = FunitNetworks.create(config, 12); FunitTrainer trainer = new FunitTrainer(nets)) {
      trainer.discriminatorStep(TinyModels.batch(m, config, 5, 0));
      return StateDictKeys.of(nets.dis()).values().stream()
          .flatMapToDouble(p -> {
            float[] g = p.getArray().getGradient().toFloatArray();
            return java.util.stream.IntStream.range(0, g.length).mapToDouble(i -> g[i]);
          }).toArray();
    }
  }

  /** d reg / dθ_index by central differences at two small steps (the net is piecewise linear: avoid kinks). */
  private double centralDifference(MultiTaskPatchDiscriminator dis, Parameter weight, float[] theta, int index,
      TrainingBatch batch) {
    double[] estimates = new double[2];
    float[] steps = {1e-4f, 3e-5f};
    float[] shifted = theta.clone();
    for (int i = 0; i < steps.length; i++) {
      shifted[index] = theta[index] + steps[i];
      weight.getArray().set(shifted);
      float plus = r1Value(dis, batch.xb(), batch.lb());
      shifted[index] = theta[index] - steps[i];
      weight.getArray().set(shifted);
      float minus = r1Value(dis, batch.xb(), batch.lb());
      estimates[i] = (plus - minus) / (2.0 * steps[i]);
    }
    weight.getArray().set(theta);
    return Math.abs(estimates[0] - estimates[1]) < 0.02 * Math.abs(estimates[1]) ? estimates[1]
        : Math.min(estimates[0], estimates[1]);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void neitherStepLeavesGradientsInTheOtherNetwork(boolean gradModeOn) {
    // grad mode is per thread: off on the thread that loaded the engine (the tests'), on for a worker's job threads
    JniUtils.setGradMode(gradModeOn);
    try {
      stepsKeepTheirGradientsApart();
    } finally {
      JniUtils.setGradMode(false);
    }
  }

  private void stepsKeepTheirGradientsApart() {
    FunitConfig loud = TinyModels.config(LossConfig.OFFICIAL);
    try (FunitNetworks nets = FunitNetworks.create(loud, 6); FunitTrainer trainer = new FunitTrainer(nets)) {
      trainer.discriminatorStep(TinyModels.batch(m, loud, 2, 0));
      double disGradients = Gradients.absSum(nets.dis());
      assertThat(disGradients).isGreaterThan(1e-3);
      assertThat(Gradients.absSum(nets.gen())).as("D step: G runs without a graph").isZero();
      trainer.generatorStep(TinyModels.batch(m, loud, 2, 1));
      assertThat(Gradients.absSum(nets.gen())).isGreaterThan(1e-3);
      assertThat(Gradients.absSum(nets.dis())).as("G step: D is frozen").isEqualTo(disGradients);
    }
    FunitConfig silent = TinyModels.config(new LossConfig(0, 0, 0, 0, 0));
    try (FunitNetworks nets = FunitNetworks.create(silent, 6); FunitTrainer trainer = new FunitTrainer(nets)) {
      FunitNetworks loudNets = FunitNetworks.create(loud, 6);
      try (FunitTrainer loudTrainer = new FunitTrainer(loudNets)) {
        loudTrainer.iterate(TinyModels.batch(m, loud, 3, 0));
        FunitNetworks.copy(loudNets.dis(), nets.dis());
      } finally {
        loudNets.close();
      }
      // with every loss weight 0, a step that did not start from zero would show the earlier gradients
      trainer.generatorStep(TinyModels.batch(m, silent, 4, 0));
      assertThat(Gradients.absSum(nets.gen())).isZero();
      trainer.discriminatorStep(TinyModels.batch(m, silent, 4, 0));
      assertThat(Gradients.absSum(nets.dis())).isZero();
    }
  }

  @Test
  void thePairedGlyphLossIsTheTranslationsL1ToTheTargetAndTrainingOnItAloneLowersIt() {
    FunitConfig config = TinyModels.config(new LossConfig(0, 0, 0, 0, 0, R1Method.TANGENT, 1));
    try (FunitNetworks nets = FunitNetworks.create(config, 9); FunitTrainer trainer = new FunitTrainer(nets)) {
      TrainingBatch plain = TinyModels.batch(m, config, 5, 0);
      NDArray target = TinyModels.batch(m, config, 6, 0).xa();
      TrainingBatch batch = new TrainingBatch(plain.xa(), plain.la(), plain.xb(), plain.lb(), target);
      ParameterStore store = new ParameterStore(m, false);
      var gen = nets.gen();
      float expected = gen.decode(store, gen.contentCode(store, batch.xa(), false), gen.classCode(store, batch.xb(),
          false), false).sub(target).abs().mean().getFloat();
      float first = trainer.generatorStep(batch).paired();
      assertThat(first).isCloseTo(expected, within(1e-4f));
      float last = first;
      for (int i = 0; i < 30; i++) {
        last = trainer.generatorStep(batch).paired();
      }
      assertThat(last).isLessThan(0.8f * first);
      assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> trainer.generatorStep(plain)))
          .hasMessageContaining("paired targets");
    }
    FunitConfig official = TinyModels.config(LossConfig.OFFICIAL);
    try (FunitNetworks nets = FunitNetworks.create(official, 9); FunitTrainer trainer = new FunitTrainer(nets)) {
      assertThat(trainer.generatorStep(TinyModels.batch(m, official, 5, 0)).paired()).isZero();
    }
  }

  @Test
  void classShotsRenderWithTheMeanCodeOfTheKImagesAndMatchTheMeanOfTheirFeatures() {
    FunitConfig config = TinyModels.config(new LossConfig(0, 0, 1, 0, 0, R1Method.TANGENT, 1));
    try (FunitNetworks nets = FunitNetworks.create(config, 9); FunitTrainer trainer = new FunitTrainer(nets)) {
      TrainingBatch plain = TinyModels.batch(m, config, 5, 0);
      int n = plain.size();
      NDArray target = TinyModels.batch(m, config, 6, 0).xa();
      // two further class images per sample: (B, 2, 3, S, S)
      NDArray more = NDArrays.stack(new NDList(TinyModels.batch(m, config, 7, 0).xb(),
          TinyModels.batch(m, config, 8, 0).xb()), 1);
      TrainingBatch batch = new TrainingBatch(plain.xa(), plain.la(), plain.xb(), plain.lb(), target, more);
      ParameterStore store = new ParameterStore(m, false);
      var gen = nets.gen();
      NDArray all = NDArrays.concat(new NDList(plain.xb().expandDims(1), more), 1); // the K = 3 class images
      NDArray translated = gen.decode(store, gen.contentCode(store, batch.xa(), false),
          gen.kShotClassCode(store, all, false), false);
      NDArray classFeatures = features(nets, store, all.reshape(3 * n, 3, 16, 16),
          plain.lb().reshape(-1, 1).repeat(1, 3).reshape(-1)).reshape(n, 3, -1).mean(new int[] {1});
      float expectedS = features(nets, store, translated, plain.lb()).sub(classFeatures).abs().mean().getFloat();
      float expectedPaired = translated.sub(target).abs().mean().getFloat();
      float oneShotPaired = gen.decode(store, gen.contentCode(store, batch.xa(), false),
          gen.classCode(store, batch.xb(), false), false).sub(target).abs().mean().getFloat();
      GenStepLosses losses = trainer.generatorStep(batch);
      assertThat(losses.paired()).isCloseTo(expectedPaired, within(1e-4f));
      assertThat(losses.reconS()).isCloseTo(expectedS, within(1e-4f));
      assertThat(Math.abs(expectedPaired - oneShotPaired)).isGreaterThan(1e-4f); // the further images count
    }
  }

  /** D's features averaged over positions, (N, C). */
  private static NDArray features(FunitNetworks nets, ParameterStore store, NDArray images, NDArray labels) {
    NDArray f = nets.dis().forward(store, new NDList(images, labels), false).get(1);
    return f.reshape(f.getShape().get(0), f.getShape().get(1), -1).mean(new int[] {2});
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

  @Test
  void theLearningRateScaleScalesEveryUpdateAndZeroFreezesTheWeights() {
    FunitConfig config = TinyModels.config(LossConfig.OFFICIAL);
    String key = "dec.model.0.model.0.model.0.conv.weight";
    float[][] deltas = new float[3][];
    double[] scales = {1, 0.5, 0};
    for (int i = 0; i < scales.length; i++) {
      try (FunitNetworks nets = FunitNetworks.create(config, 7); FunitTrainer trainer = new FunitTrainer(nets)) {
        trainer.setLearningRateScale(scales[i]);
        float[] before = StateDictKeys.of(nets.gen()).get(key).getArray().toFloatArray();
        trainer.generatorStep(TinyModels.batch(m, config, 3, 0));
        float[] after = StateDictKeys.of(nets.gen()).get(key).getArray().toFloatArray();
        deltas[i] = new float[before.length];
        for (int j = 0; j < before.length; j++) {
          deltas[i][j] = after[j] - before[j];
        }
      }
    }
    double largest = 0;
    for (int j = 0; j < deltas[0].length; j++) {
      largest = Math.max(largest, Math.abs(deltas[0][j]));
      assertThat(deltas[1][j]).isCloseTo(deltas[0][j] / 2, within(1e-6f));
      assertThat(deltas[2][j]).isZero();
    }
    assertThat(largest).isGreaterThan(1e-4); // the full-rate step moved the weights
  }

  private static float[] filled(NDArray like, float value) {
    float[] data = new float[(int) like.size()];
    java.util.Arrays.fill(data, value);
    return data;
  }


}
