package io.funit.common.funit.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.funit.common.funit.config.DiscriminatorConfig;
import io.funit.common.funit.config.FunitConfig;
import io.funit.common.funit.config.GeneratorConfig;
import io.funit.common.funit.config.LossConfig;
import io.funit.common.funit.config.OptimizerConfig;
import io.funit.common.funit.model.FewShotGenerator;
import io.funit.common.funit.model.FunitNetworks;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The whole training step, on real font glyphs: a small model must learn to reconstruct its content images. */
class OverfitOnGlyphsTest {
  private static final char[] CHARS = "AbgR5kxQ".toCharArray();
  private static final int SIZE = 32;

  @Test
  void reconstructionL1FallsByAtLeastHalf() {
    FunitConfig config = new FunitConfig("overfit", SIZE, 8, new GeneratorConfig(16, 1, 32, 16, 3, 2, 3),
        new DiscriminatorConfig(16, 4, FontGlyphs.FACES.size(), true), OptimizerConfig.OFFICIAL.withLr(1e-3),
        OptimizerConfig.OFFICIAL.withLr(1e-3), LossConfig.OFFICIAL, 0.999, 0, 200);
    try (NDManager m = NDManager.newBaseManager(); FunitNetworks nets = FunitNetworks.create(config, 1);
        FunitTrainer trainer = new FunitTrainer(nets)) {
      NDArray probe = FontGlyphs.batch(m, new int[] {0, 1, 2, 3}, new char[] {'A', 'g', '5', 'Q'}, SIZE);
      float before = reconstructionL1(nets.gen(), m, probe);
      Random random = new Random(3);
      for (int i = 0; i < 150; i++) {
        int[] contentFaces = new int[8];
        int[] classFaces = new int[8];
        char[] contentChars = new char[8];
        char[] classChars = new char[8];
        for (int j = 0; j < 8; j++) {
          contentFaces[j] = random.nextInt(FontGlyphs.FACES.size());
          classFaces[j] = random.nextInt(FontGlyphs.FACES.size());
          contentChars[j] = CHARS[random.nextInt(CHARS.length)];
          classChars[j] = CHARS[random.nextInt(CHARS.length)];
        }
        try (NDManager step = m.newSubManager()) {
          trainer.iterate(new TrainingBatch(FontGlyphs.batch(step, contentFaces, contentChars, SIZE), labels(step, contentFaces),
              FontGlyphs.batch(step, classFaces, classChars, SIZE), labels(step, classFaces)));
        }
      }
      float after = reconstructionL1(nets.gen(), m, probe);
      assertThat(after).as("L1 before %s, after %s", before, after).isLessThanOrEqualTo(before / 2);
    }
  }

  private static NDArray labels(NDManager m, int[] faces) {
    long[] labels = new long[faces.length];
    for (int i = 0; i < faces.length; i++) {
      labels[i] = faces[i];
    }
    return m.create(labels);
  }

  private static float reconstructionL1(FewShotGenerator gen, NDManager m, NDArray images) {
    try (NDManager scope = m.newSubManager()) {
      ParameterStore store = new ParameterStore(scope, false);
      NDArray attached = images.duplicate();
      attached.attach(scope);
      NDArray reconstructed = gen.decode(store, gen.contentCode(store, attached, false), gen.classCode(store, attached, false), false);
      return reconstructed.sub(attached).abs().mean().getFloat();
    }
  }
}
