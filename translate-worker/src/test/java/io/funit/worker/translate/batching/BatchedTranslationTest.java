package io.funit.worker.translate.batching;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.funit.common.models.ServingGenerator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A batch of jobs gives each job what its own K-shot forward pass gives. */
class BatchedTranslationTest {
  private static ServingGenerator generator;
  private static final int S = 32;

  @BeforeAll
  static void load() throws Exception {
    generator = TestGenerators.font32(7);
  }

  /** Shared by the passes of a test, as a batcher lane shares it: a pass's inputs must not outlive it. */
  private final InputStaging staging = new InputStaging();

  @AfterAll
  static void close() {
    generator.close();
  }

  @Test
  void batchOfJobsMatchesEachJobsOwnForwardPass() {
    Random random = new Random(1);
    TranslationWork a = TranslationWork.withClassImages(TestGenerators.images(random, 2, S), 2,
        TestGenerators.images(random, 5, S), 5);
    TranslationWork b = TranslationWork.withClassImages(TestGenerators.images(random, 1, S), 1,
        TestGenerators.images(random, 3, S), 3);
    List<TranslationOutput> batched = BatchedTranslation.run(staging, generator.translator(), S, List.of(a, b));

    assertClose(batched.get(0).images(), reference(a), 2e-5);
    assertClose(batched.get(1).images(), reference(b), 2e-5);
    assertThat(batched.get(0).classCode()).hasSize(generator.config().gen().latentDim());
  }

  @Test
  void aStoredClassCodeGivesTheSameTranslationAsItsImages() {
    Random random = new Random(2);
    float[] contents = TestGenerators.images(random, 3, S);
    TranslationWork fromImages = TranslationWork.withClassImages(contents, 3, TestGenerators.images(random, 4, S), 4);
    TranslationOutput first =
        BatchedTranslation.run(staging, generator.translator(), S, List.of(fromImages)).get(0);
    TranslationWork fromCode = TranslationWork.withClassCode(contents, 3, first.classCode());
    TranslationWork other = TranslationWork.withClassImages(TestGenerators.images(random, 1, S), 1,
        TestGenerators.images(random, 2, S), 2);

    List<TranslationOutput> again =
        BatchedTranslation.run(staging, generator.translator(), S, List.of(other, fromCode));

    assertClose(again.get(1).images(), first.images(), 2e-5);
    assertThat(again.get(1).classCode()).isSameAs(first.classCode());
  }

  /** The generator's own forward: content (n,3,S,S) with the job's K class images repeated per content image. */
  private static float[] reference(TranslationWork work) {
    int plane = 3 * S * S;
    int n = work.contentCount();
    float[] classes = new float[n * work.k() * plane];
    for (int i = 0; i < n; i++) {
      System.arraycopy(work.classImages(), 0, classes, i * work.k() * plane, work.k() * plane);
    }
    try (NDManager m = NDManager.newBaseManager()) {
      return generator.generator().forward(new ParameterStore(m, false), new NDList(
          m.create(work.contents(), new Shape(n, 3, S, S)), m.create(classes, new Shape(n, work.k(), 3, S, S))),
          false).singletonOrThrow().toFloatArray();
    }
  }

  private static void assertClose(float[] actual, float[] expected, double tolerance) {
    assertThat(actual).hasSameSizeAs(expected);
    double max = 0;
    for (int i = 0; i < actual.length; i++) {
      max = Math.max(max, Math.abs(actual[i] - expected[i]));
    }
    assertThat(max).isLessThan(tolerance);
  }
}
