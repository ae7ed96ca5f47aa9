package io.funit.common.stargan.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.funit.common.contract.InvalidRequestException;
import io.funit.common.funit.config.TrainOverrides;
import io.funit.common.funit.train.TrainingBatch;
import io.funit.common.json.Json;
import io.funit.common.models.FewShotTranslator;
import io.funit.common.models.ModelCard;
import io.funit.common.models.ModelFamilies;
import io.funit.common.models.ModelFamily;
import io.funit.common.models.ModelPlan;
import io.funit.common.models.ModelTrainer;
import io.funit.common.models.ServingModel;
import io.funit.common.stargan.StarGanPlan;
import io.funit.common.stargan.config.StarGanConfig;
import io.funit.common.stargan.config.StarGanDiscriminatorConfig;
import io.funit.common.stargan.config.StarGanGeneratorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** StarGAN through the family interface the train worker and the translate path use. */
class StarGanCheckpointTest {
  private final NDManager m = NDManager.newBaseManager();
  @TempDir
  Path dir;

  @AfterEach
  void close() {
    m.close();
  }

  private TrainingBatch batch(long iteration) {
    Random random = new Random(iteration);
    float[] images = new float[4 * 3 * 16 * 16];
    for (int i = 0; i < images.length; i++) {
      images[i] = random.nextFloat() * 2 - 1;
    }
    NDArray x = m.create(images, new Shape(4, 3, 16, 16));
    return new TrainingBatch(x, m.create(new long[] {0, 1, 2, 1}), x, m.create(new long[] {2, 0, 1, 0}));
  }

  private static ModelPlan tinyPlan(ModelFamily family) throws Exception {
    // the family plans from a preset; the tiny networks come from a plan of its own configuration
    StarGanConfig preset = ((StarGanPlan) family.plan("stargan-64", TrainOverrides.NONE, 3)).config();
    return new StarGanPlan(new StarGanConfig("stargan-64", 16, 4, 3, new StarGanGeneratorConfig(8, 1, 2),
        new StarGanDiscriminatorConfig(8, 3), preset.genOpt(), preset.disOpt(), preset.loss(), 2, 100));
  }

  @Test
  void aResumedTrainingContinuesExactlyAsTheUninterruptedOne() throws Exception {
    ModelFamily family = ModelFamilies.forPreset("stargan-64");
    assertThat(family.name()).isEqualTo(ModelCard.STARGAN);
    ModelPlan plan = tinyPlan(family);
    Path checkpoint = dir.resolve("checkpoint.safetensors");
    Map<String, Double> third;
    Map<String, Double> fourth;
    try (ModelTrainer trainer = family.newTrainer(plan, 11)) {
      for (int i = 0; i < 3; i++) {
        trainer.iterate(batch(i));
      }
      trainer.saveCheckpoint(checkpoint, 77);
      third = trainer.iterate(batch(3));
      fourth = trainer.iterate(batch(4));
    }
    ModelTrainer.Restored restored = family.loadCheckpoint(checkpoint, TrainOverrides.NONE);
    try (ModelTrainer trainer = restored.trainer()) {
      assertThat(restored.samplerSeed()).isEqualTo(77);
      assertThat(trainer.iteration()).isEqualTo(3);
      // iteration 3 ends a critic round (two per round): both steps, the penalty's draws and the Adam moments resumed
      assertThat(trainer.iterate(batch(3))).isEqualTo(third).containsKey("loss_gen_rec");
      assertThat(trainer.iterate(batch(4))).isEqualTo(fourth);
    }
  }

  @Test
  void aRegisteredModelFileTranslatesAsTheTrainingDid() throws Exception {
    ModelFamily family = ModelFamilies.named(ModelCard.STARGAN);
    Path file = dir.resolve("generator.safetensors");
    NDArray content = m.randomUniform(-1, 1, new Shape(2, 3, 16, 16));
    NDArray classImages = m.randomUniform(-1, 1, new Shape(2, 3, 16, 16));
    float[] expected;
    try (ModelTrainer trainer = family.newTrainer(tinyPlan(family), 3)) {
      for (int i = 0; i < 4; i++) {
        trainer.iterate(batch(i));
      }
      expected = translate(trainer.ema(), content, classImages);
      trainer.saveGenerator(file);
    }
    try (ServingModel model = family.load(file)) {
      assertThat(model.family()).isEqualTo(ModelCard.STARGAN);
      assertThat(model.translator().classCodeSize()).isEqualTo(32);
      assertThat(translate(model.translator(), content, classImages)).containsExactly(expected);
      assertThat(model.parameterBytes()).isGreaterThan(Files.size(file) / 2);
    }
  }

  private float[] translate(FewShotTranslator translator, NDArray content, NDArray classImages) {
    ParameterStore store = new ParameterStore(m, false);
    return translator.decode(store, translator.contentCode(store, content),
        translator.classCode(store, classImages)).toFloatArray();
  }

  @Test
  void overridesWithoutAStarGanMeaningAreRefusedByName() throws Exception {
    ModelFamily family = ModelFamilies.forPreset("stargan-64");
    TrainOverrides overrides = TrainOverrides.parse(Json.MAPPER.readTree(
        "{\"iterations\": 10, \"lr_gen\": 0.0002, \"gen_nf\": 8, \"dis_nf\": 16}"));
    StarGanConfig config = ((StarGanPlan) family.plan("stargan-64", overrides, 9)).config();
    assertThat(config.maxIter()).isEqualTo(10);
    assertThat(config.genOpt().lr()).isEqualTo(2e-4);
    assertThat(config.disOpt().lr()).isEqualTo(1e-4);
    assertThat(config.gen().convDim()).isEqualTo(8);
    assertThat(config.dis().convDim()).isEqualTo(16);
    assertThat(config.dis().layers()).isEqualTo(5);
    assertThat(config.domains()).isEqualTo(9);
    TrainOverrides funitOnly = TrainOverrides.parse(Json.MAPPER.readTree("{\"recon_weight\": 0.2}"));
    assertThatThrownBy(() -> family.plan("stargan-64", funitOnly, 9)).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("overrides.recon_weight").hasMessageContaining("lr_gen");
  }
}
