package io.funit.worker.translate.batching;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
