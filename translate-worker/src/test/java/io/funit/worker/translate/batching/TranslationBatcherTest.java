package io.funit.worker.translate.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funit.common.models.ServingGenerator;
import io.funit.common.models.ServingModel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

  @Test
  void twoLanesRunTwoPassesAtOnceAndEachJobGetsItsOwnOutput() throws Exception {
    CountDownLatch bothInAPass = new CountDownLatch(2);
    AtomicInteger held = new AtomicInteger();
    AtomicInteger mostHeld = new AtomicInteger();
    // each pass holds its model until the other lane is in a pass too: one lane alone would wait here in vain
    PassModels waitingForTheOther = id -> {
      mostHeld.accumulateAndGet(held.incrementAndGet(), Math::max);
      bothInAPass.countDown();
      try {
        bothInAPass.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      PassModels.Lease lease = PassModels.unmanaged(m -> first).lease(id);
      return new PassModels.Lease() {
        @Override
        public ServingModel model() {
          return lease.model();
        }

        @Override
        public void close() {
          held.decrementAndGet();
        }
      };
    };
    try (TranslationBatcher batcher = new TranslationBatcher(
        new BatchingSettings(1, Duration.ofMillis(10), false, 0, 2, true), waitingForTheOther,
        new SimpleMeterRegistry())) {
      CompletableFuture<TranslationOutput> one = batcher.submit("a", work(1));
      CompletableFuture<TranslationOutput> two = batcher.submit("a", work(2));
      float[] fromOne = one.get(30, TimeUnit.SECONDS).images();
      float[] fromTwo = two.get(30, TimeUnit.SECONDS).images();
      assertThat(mostHeld.get()).as("passes in flight at once").isEqualTo(2);
      assertThat(maxDifference(fromOne, fromTwo)).as("two jobs, two outputs").isGreaterThan(0.01f);
      // the same as one pass at a time, up to float rounding (the thread counts may differ)
      try (TranslationBatcher alone = batcher(1, Duration.ofMillis(10))) {
        assertThat(maxDifference(fromOne, alone.submit("a", work(1)).get(30, TimeUnit.SECONDS).images()))
            .isLessThan(1e-4f);
        assertThat(maxDifference(fromTwo, alone.submit("a", work(2)).get(30, TimeUnit.SECONDS).images()))
            .isLessThan(1e-4f);
      }
    }
  }

  @Test
  void closingWhileABatchWaitsForAnnouncedJobsFailsTheJobsItTook() throws Exception {
    TranslationBatcher batcher = batcher(16, Duration.ofSeconds(60));
    TranslationBatcher.Ticket waitedFor = batcher.announce("a"); // announced, never submitted: the batch waits
    CompletableFuture<TranslationOutput> taken = batcher.announce("a").submit(work(1));
    Thread.sleep(300); // a lane has taken the job and waits for the announced one
    batcher.close();
    assertThatThrownBy(() -> taken.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .hasMessageContaining("stopped");
    waitedFor.close();
    assertThatThrownBy(() -> batcher.submit("a", work(2)).get(1, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).hasMessageContaining("closed");
  }

  private static float maxDifference(float[] a, float[] b) {
    assertThat(a).hasSameSizeAs(b);
    float most = 0;
    for (int i = 0; i < a.length; i++) {
      most = Math.max(most, Math.abs(a[i] - b[i]));
    }
    return most;
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
