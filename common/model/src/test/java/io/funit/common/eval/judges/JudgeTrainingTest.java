package io.funit.common.eval.judges;

import static org.assertj.core.api.Assertions.assertThat;

import io.funit.common.dataset.DatasetManifest;
import io.funit.common.eval.GlyphDatasets;
import io.funit.common.eval.bank.ImageBank;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Judges learn from real glyphs, and a stored judge scores exactly as the trained one. */
class JudgeTrainingTest {
  private static final String CHARACTERS = "ABCDEFGHKMNRSabdeghkmnqrsy2345";

  @Test
  void aStyleJudgeOnFiveFacesBeatsChanceClearlyAndSurvivesASaveAndLoad(@TempDir Path dir) throws Exception {
    DatasetManifest dataset = GlyphDatasets.write(dir.resolve("ds"), 5, 2, CHARACTERS, 32);
    ImageBank bank = ImageBank.load(dataset, GlyphDatasets.sampler(dir.resolve("ds"), 32), 32, 100, (d, t, m) -> {});
    JudgeBudget budget = new JudgeBudget(25, 40, 32, 2e-3, 0.75, 1);
    JudgeTask task = JudgeTasks.style(JudgeTasks.STYLE_ALL, dataset.classes(), bank, budget, "test faces");
    try (Judge judge = JudgeTrainer.train(task, bank, budget, 20, (d, t, m) -> {})) {
      assertThat(judge.summary().testImages()).isEqualTo(5 * (30 - 23)); // round(0.75 · 30) = 23 trained on
      assertThat(judge.summary().testAccuracy()).as("5 classes: chance is 0.2").isGreaterThanOrEqualTo(0.5);
      Path file = dir.resolve("judge.safetensors");
      JudgeWeights.save(judge, file);
      try (Judge loaded = JudgeWeights.load(file)) {
        float[] images = bank.load(task.testIds());
        assertThat(loaded.run(images, task.testIds().length).logits())
            .containsExactly(judge.run(images, task.testIds().length).logits());
        assertThat(loaded.summary()).isEqualTo(judge.summary());
      }
    }
    assertThat(Files.exists(dir.resolve("judge.safetensors"))).isTrue();
  }

  @Test
  void theContentJudgeTrainsOnTrainingFacesAndIsTestedOnHeldOutFaces(@TempDir Path dir) throws Exception {
    DatasetManifest dataset = GlyphDatasets.write(dir, 4, 1, "ABC", 16);
    ImageBank bank = ImageBank.load(dataset, GlyphDatasets.sampler(dir, 16), 16, 100, (d, t, m) -> {});
    JudgeTask content = JudgeTasks.content(dataset, bank);
    assertThat(content.classes()).isEqualTo(3);
    assertThat(content.trainIds()).hasSize(9);
    assertThat(content.testIds()).containsExactly(bank.id(3, 0), bank.id(3, 1), bank.id(3, 2));
    assertThat(content.testLabels()).containsExactly(0, 1, 2);
  }
}
