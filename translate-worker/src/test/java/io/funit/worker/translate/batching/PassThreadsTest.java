package io.funit.worker.translate.batching;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PassThreadsTest {
  @Test
  void smallPassesRunOnOneThreadAndLargerOnesOnTheEnginesCount() {
    assertEquals(1, PassThreads.threadsFor(1, 4, 2, 1));
    assertEquals(1, PassThreads.threadsFor(4, 4, 2, 1));
    assertEquals(2, PassThreads.threadsFor(5, 4, 2, 1));
    assertEquals(8, PassThreads.threadsFor(8, 4, 8, 1));
  }

  @Test
  void lanesShareTheEnginesThreadsAndEachKeepsAtLeastOne() {
    assertEquals(1, PassThreads.threadsFor(8, 2, 2, 2));
    assertEquals(4, PassThreads.threadsFor(8, 2, 8, 2));
    assertEquals(1, PassThreads.threadsFor(8, 0, 2, 4));
    assertEquals(1, PassThreads.threadsFor(2, 2, 8, 2));
  }
}
