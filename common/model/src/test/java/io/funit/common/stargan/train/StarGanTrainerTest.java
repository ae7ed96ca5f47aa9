package io.funit.common.stargan.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import io.funit.common.funit.train.Gradients;
import io.funit.common.funit.train.TrainingBatch;
import io.funit.common.funit.weights.StateDictKeys;
import io.funit.common.stargan.config.AdamConfig;
import io.funit.common.stargan.config.StarGanConfig;
import io.funit.common.stargan.config.StarGanDiscriminatorConfig;
import io.funit.common.stargan.config.StarGanGeneratorConfig;
import io.funit.common.stargan.config.StarGanLossConfig;
import io.funit.common.stargan.model.StarGanNetworks;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StarGanTrainerTest {
  private static final int DOMAINS = 3;
  private final NDManager m = NDManager.newBaseManager();

  @AfterEach
  void close() {
    m.close();
  }

  private static StarGanConfig tiny(int criticSteps) {
    AdamConfig adam = new AdamConfig(1e-3, 0.5, 0.999, 1e-8);
    return new StarGanConfig("tiny", 16, 4, DOMAINS, new StarGanGeneratorConfig(8, 1, 2),
        new StarGanDiscriminatorConfig(8, 3), adam, adam, StarGanLossConfig.PAPER, criticSteps, 100);
  }

  /** Domain d's images are a flat grey level (d − 1)/2 with noise, so the domains can be told apart. */
  private TrainingBatch batch(long seed) {
    java.util.Random random = new java.util.Random(seed);
    int n = 4;
    float[] xa = new float[n * 3 * 16 * 16];
    long[] la = new long[n];
    long[] lb = new long[n];
    for (int i = 0; i < n; i++) {
      la[i] = i % DOMAINS;
      lb[i] = (i + 1) % DOMAINS;
      for (int j = 0; j < 3 * 16 * 16; j++) {
        xa[i * 3 * 16 * 16 + j] = (la[i] - 1) / 2f + 0.1f * (float) random.nextGaussian();
      }
    }
    NDArray images = m.create(xa, new Shape(n, 3, 16, 16));
    return new TrainingBatch(images, m.create(la), images, m.create(lb));
  }

  @Test
  void theGradientPenaltysParameterGradientMatchesFiniteDifferences() {
    try (StarGanNetworks nets = StarGanNetworks.create(tiny(1), 5);
        StarGanTrainer trainer = new StarGanTrainer(nets, 5)) {
      NDArray xHat = m.randomUniform(-1, 1, new Shape(3, 3, 16, 16));
      Parameter weight = StateDictKeys.of(nets.dis()).get("main1.weight");
      Gradients.zero(nets.dis());
      trainer.gradientPenalty(xHat, 1.0);
      float[] analytic = weight.getArray().getGradient().toFloatArray();
      float[] theta = weight.getArray().toFloatArray();
      int checked = 0;
      for (int index : new int[] {0, 11, 57, 200, 333, 512}) {
        float step = 1e-3f;
        float[] shifted = theta.clone();
        shifted[index] = theta[index] + step;
        weight.getArray().set(shifted);
        double plus = penalty(trainer, nets, xHat);
        shifted[index] = theta[index] - step;
        weight.getArray().set(shifted);
        double minus = penalty(trainer, nets, xHat);
        weight.getArray().set(theta);
        double numeric = (plus - minus) / (2 * step);
        if (Math.abs(numeric) > 1e-3) {
          checked++;
          assertThat((double) analytic[index]).as("element %d", index).isCloseTo(numeric,
              within(0.05 * Math.abs(numeric) + 1e-4));
        }
      }
      assertThat(checked).isGreaterThanOrEqualTo(3);
    }
  }

  private static double penalty(StarGanTrainer trainer, StarGanNetworks nets, NDArray xHat) {
    NDArray g = trainer.inputGradient(nets.dis(), xHat);
    return g.reshape(g.getShape().get(0), -1).square().sum(new int[] {1}).sqrt().sub(1).square().mean().getFloat();
  }

  @Test
  void theGeneratorStepsOnlyEveryCriticRoundAndTrainingLearnsTheDomains() {
    // as on a worker's job thread, where grad mode is on (off only on the thread that loaded the engine)
    JniUtils.setGradMode(true);
    try {
      trainAndCheck();
    } finally {
      JniUtils.setGradMode(false);
    }
  }

  private void trainAndCheck() {
    try (StarGanNetworks nets = StarGanNetworks.create(tiny(2), 7);
        StarGanTrainer trainer = new StarGanTrainer(nets, 7)) {
      TrainingBatch batch = batch(1);
      Map<String, Double> first = trainer.iterate(batch);
      assertThat(first).containsKeys("loss_dis_real", "loss_dis_fake", "loss_dis_cls", "loss_dis_gp")
          .doesNotContainKey("loss_gen_rec");
      Map<String, Double> second = trainer.iterate(batch);
      assertThat(second).containsKeys("loss_gen_fake", "loss_gen_cls", "loss_gen_rec");
      double clsBefore = first.get("loss_dis_cls");
      double recBefore = second.get("loss_gen_rec");
      Map<String, Double> last = second;
      Map<String, Double> lastGen = second;
      for (int i = 2; i < 100; i++) {
        last = trainer.iterate(batch);
        if (last.containsKey("loss_gen_rec")) {
          lastGen = last;
        }
      }
      assertThat(trainer.iteration()).isEqualTo(100);
      assertThat(trainer.genOptimizer().steps()).isEqualTo(50);
      assertThat(trainer.disOptimizer().steps()).isEqualTo(100);
      // ln 3 = 1.10 at chance: the classifier tells the three grey levels apart, and the cycle comes back closer
      assertThat(clsBefore).isCloseTo(Math.log(DOMAINS), within(0.5));
      assertThat(last.get("loss_dis_cls")).isLessThan(clsBefore / 2);
      assertThat(lastGen.get("loss_gen_rec")).isLessThan(recBefore * 0.7);
      assertThat(last.values()).allMatch(v -> Double.isFinite(v));

      // every domain's mean feature was kept, and a domain's own images are nearest to it
      assertThat(java.util.Arrays.stream(nets.prototypes().counts()).min().getAsLong()).isPositive();
      NDArray features = nets.dis().features(new ai.djl.training.ParameterStore(m, false), batch.xa(), false);
      NDArray nearest = nets.prototypes().domainVectors(features, true);
      assertThat(nearest.argMax(1).toLongArray()).containsExactly(batch.la().toLongArray());
      NDArray soft = nets.prototypes().domainVectors(features, false);
      for (float sum : soft.sum(new int[] {1}).toFloatArray()) {
        assertThat(sum).isCloseTo(1f, within(1e-5f));
      }
    }
  }
}
