package io.funit.worker.translate.batching;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PassThreadsTest {
  /** Small passes on one thread, larger ones on the lane's share of the engine's count, at least one. */
  @ParameterizedTest(name = "{0} images, one thread up to {1}, {2} engine threads, {3} lanes: {4} threads")
  @CsvSource({
      "1, 4, 2, 1, 1",
      "4, 4, 2, 1, 1",
      "5, 4, 2, 1, 2",
      "8, 4, 8, 1, 8",
      "8, 2, 2, 2, 1",
      "8, 2, 8, 2, 4",
      "8, 0, 2, 4, 1",
      "2, 2, 8, 2, 1"})
  void threadsForAPass(int images, int oneThreadUpTo, int engineThreads, int lanes, int expected) {
    assertEquals(expected, PassThreads.threadsFor(images, oneThreadUpTo, engineThreads, lanes));
  }

  @Test
  void aLaneSetsItsCountOnItsFirstPassAndThenOnlyWhenItChanges() {
    List<Integer> set = new ArrayList<>();
    // a fresh lane thread may have inherited another lane's count: the first pass always sets its own
    PassThreads lane = new PassThreads(2, 2, () -> 2, set::add);
    lane.beforePass(8);
    lane.beforePass(8);
    lane.beforePass(1);
    assertEquals(List.of(1), set, "two lanes on two threads: one thread for every pass, set once");
    set.clear();
    PassThreads alone = new PassThreads(2, 1, () -> 2, set::add);
    alone.beforePass(1);
    alone.beforePass(2);
    alone.beforePass(8);
    alone.beforePass(8);
    alone.beforePass(1);
    assertEquals(List.of(1, 2, 1), set);
  }

  @Test
  void aLonePassRunsOnEveryThreadOfTheEngine() {
    List<Integer> set = new ArrayList<>();
    PassThreads lane = new PassThreads(2, 2, () -> 2, set::add);
    lane.beforePass(1, true);
    lane.beforePass(1, false);
    lane.beforePass(8, true);
    assertEquals(List.of(2, 1, 2), set);
  }

  @Test
  void oneLaneWithoutTheOneThreadRuleLeavesPyTorchsCountAlone() {
    List<Integer> set = new ArrayList<>();
    PassThreads gpu = new PassThreads(0, 1, () -> 8, set::add);
    gpu.beforePass(1);
    gpu.beforePass(32);
    assertEquals(List.of(), set);
  }
}
