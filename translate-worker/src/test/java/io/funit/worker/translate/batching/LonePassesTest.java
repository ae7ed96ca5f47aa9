package io.funit.worker.translate.batching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LonePassesTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000_000L);

  @Test
  void aLonePassTakesEveryThreadAndAPassThatWaitsForItEndsTheQuiet() throws Exception {
    LonePasses passes = lonePasses(2, true);
    assertThat(passes.begin(1, false)).as("one job, nothing else running or waiting: alone").isTrue();
    CompletableFuture<Boolean> other = CompletableFuture.supplyAsync(() -> begin(passes, 1, false));
    Thread.sleep(200);
    assertThat(other).as("the other lane waits while the lone pass holds every thread").isNotDone();
    passes.end(true);
    assertThat(other.get(5, TimeUnit.SECONDS)).as("then it runs, beside nothing, but it had to wait").isFalse();
    passes.end(false);
  }

  @Test
  void passesRunAloneOnlyAfterAQuietSecond() throws Exception {
    LonePasses passes = lonePasses(2, true);
    assertThat(passes.begin(1, true)).as("other jobs wait: another lane will take them").isFalse();
    assertThat(passes.begin(1, false)).as("another pass runs: not alone, and no wait").isFalse();
    passes.end(false);
    passes.end(false);
    assertThat(passes.begin(2, false)).as("two jobs in one pass: a busy load").isFalse();
    passes.end(false);
    now.addAndGet(LonePasses.QUIET_NANOS / 2);
    assertThat(passes.begin(1, false)).as("alone now, but busy half a second ago").isFalse();
    passes.end(false);
    now.addAndGet(LonePasses.QUIET_NANOS / 2);
    assertThat(passes.begin(1, false)).as("a second of lone passes: alone").isTrue();
    passes.end(true);
  }

  @Test
  void oneLaneOrTheSettingOffNeverTakesEveryThread() throws Exception {
    assertThat(lonePasses(1, true).begin(1, false)).isFalse();
    LonePasses off = lonePasses(2, false);
    assertThat(off.begin(1, false)).isFalse();
    assertThat(off.begin(1, false)).as("and never waits").isFalse();
  }

  @Test
  void lonePassesRunOnOneThreadOfTheirOwnOnEveryThreadOfTheEngine() throws Exception {
    List<Integer> set = new CopyOnWriteArrayList<>();
    try (LonePasses passes = new LonePasses(2, true, new PassThreads(2, 2, () -> 2, set::add))) {
      String first = CompletableFuture.supplyAsync(() -> runAlone(passes)).get(5, TimeUnit.SECONDS);
      String second = CompletableFuture.supplyAsync(() -> runAlone(passes)).get(5, TimeUnit.SECONDS);
      assertThat(first).as("the same thread, whichever lane asks").isEqualTo(second).startsWith("translate-batch");
      assertThat(set).as("the engine's two threads, set once").containsExactly(2);
    }
  }

  private static boolean begin(LonePasses passes, int jobs, boolean othersWaiting) {
    try {
      return passes.begin(jobs, othersWaiting);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String runAlone(LonePasses passes) {
    try {
      return passes.runAlone(1, () -> Thread.currentThread().getName());
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private LonePasses lonePasses(int lanes, boolean enabled) {
    return new LonePasses(lanes, enabled, new PassThreads(2, lanes, () -> 2, threads -> {}), now::get);
  }
}
