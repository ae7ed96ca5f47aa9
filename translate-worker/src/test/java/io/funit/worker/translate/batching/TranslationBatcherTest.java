package io.funit.worker.translate.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funit.common.models.ServingGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the batcher groups concurrent jobs: by model, up to the batch size, within the wait. Most tests fix the batch
 * size (no tuning), so that what they count does not depend on this machine's speed.
 */
class TranslationBatcherTest {
  private static final int S = 32;
  private static ServingGenerator first;
  private static ServingGenerator second;

  @BeforeAll
  static void load() throws Exception {
    first = TestGenerators.font32(1);
    second = TestGenerators.font32(2);
  }

  @AfterAll
  static void close() {
    first.close();
    second.close();
  }

  @Test
  void jobsArrivingWithinTheWaitRunAsOneBatch() throws Exception {
    try (TranslationBatcher batcher = batcher(16, Duration.ofSeconds(5))) {
      List<TranslationBatcher.Ticket> tickets = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        tickets.add(batcher.announce("a"));
      }
      List<CompletableFuture<TranslationOutput>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        results.add(tickets.get(i).submit(work(i)));
        Thread.sleep(20); // jobs finish reading their inputs at different times
      }
      for (CompletableFuture<TranslationOutput> result : results) {
        assertThat(result.get(30, TimeUnit.SECONDS).images()).hasSize(3 * S * S);
      }
      assertThat(batcher.batches()).isEqualTo(1);
      assertThat(batcher.jobs()).isEqualTo(4);
    }
  }

  @Test
  void aLoneJobDoesNotWaitForOthers() throws Exception {
    try (TranslationBatcher batcher = batcher(16, Duration.ofSeconds(60))) {
      TranslationBatcher.Ticket withdrawn = batcher.announce("a");
      withdrawn.close(); // a job that failed before it submitted is not waited for
      CompletableFuture<TranslationOutput> alone = batcher.announce("a").submit(work(1));
      assertThat(alone.get(20, TimeUnit.SECONDS).images()).hasSize(3 * S * S);
    }
  }

  @Test
  void batchSizeOneRunsEveryJobAlone() throws Exception {
    try (TranslationBatcher batcher = batcher(1, Duration.ofMillis(500))) {
      List<CompletableFuture<TranslationOutput>> results = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        results.add(batcher.submit("a", work(i)));
      }
      for (CompletableFuture<TranslationOutput> result : results) {
        result.get(30, TimeUnit.SECONDS);
      }
      assertThat(batcher.batches()).isEqualTo(3);
    }
  }

  @Test
  void jobsForDifferentModelsNeverShareABatchAndEachGetsItsModelsOutput() throws Exception {
    try (TranslationBatcher batcher = batcher(16, Duration.ofSeconds(5))) {
      TranslationWork same = work(9);
      TranslationBatcher.Ticket first = batcher.announce("a");
      TranslationBatcher.Ticket other = batcher.announce("b");
      TranslationBatcher.Ticket second = batcher.announce("a");
      CompletableFuture<TranslationOutput> a = first.submit(same);
      CompletableFuture<TranslationOutput> b = other.submit(same);
      CompletableFuture<TranslationOutput> a2 = second.submit(same);
      float[] fromA = a.get(30, TimeUnit.SECONDS).images();
      float[] fromB = b.get(30, TimeUnit.SECONDS).images();
      assertThat(a2.get(30, TimeUnit.SECONDS).images()).isEqualTo(fromA);
      assertThat(fromB).isNotEqualTo(fromA);
      assertThat(batcher.batches()).isEqualTo(2);
    }
  }

  @Test
  void aTunedBatcherStartsWithOneImageAPassAndGrowsAsItMeasures() throws Exception {
    try (TranslationBatcher batcher = new TranslationBatcher(new BatchingSettings(16, Duration.ofMillis(100), true, 0),
        id -> first)) {
      List<CompletableFuture<TranslationOutput>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        results.add(batcher.submit("a", work(i)));
      }
      for (CompletableFuture<TranslationOutput> result : results) {
        result.get(30, TimeUnit.SECONDS);
      }
      // one image (nothing measured), one image (the first cycle has no start), then two: the next class, unmeasured
      assertThat(batcher.batches()).isEqualTo(3);
      assertThat(batcher.jobs()).isEqualTo(4);
    }
  }

  @Test
  void aFailingModelFailsOnlyItsOwnBatch() throws Exception {
    try (TranslationBatcher batcher = batcher(16, Duration.ofMillis(100))) {
      CompletableFuture<TranslationOutput> missing = batcher.submit("missing", work(1));
      CompletableFuture<TranslationOutput> fine = batcher.submit("a", work(2));
      assertThatThrownBy(() -> missing.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .hasMessageContaining("no model missing");
      assertThat(fine.get(30, TimeUnit.SECONDS).images()).hasSize(3 * S * S);
    }
  }

  private static TranslationBatcher batcher(int maxBatch, Duration wait) {
    Map<String, ServingGenerator> models = Map.of("a", first, "b", second);
    return new TranslationBatcher(new BatchingSettings(maxBatch, wait), id -> {
      ServingGenerator generator = models.get(id);
      if (generator == null) {
        throw new IllegalArgumentException("no model " + id);
      }
      return generator;
    });
  }

  private static TranslationWork work(int seed) {
    Random random = new Random(seed);
    return TranslationWork.withClassImages(TestGenerators.images(random, 1, S), 1, TestGenerators.images(random, 2, S),
        2);
  }
}
