package io.funit.common.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConcurrentIoTest {
  @Test
  void callsRunAtOnceAndTheirResultsComeBackInOrder() {
    CountDownLatch allStarted = new CountDownLatch(4);
    List<Callable<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      int value = i;
      calls.add(() -> {
        allStarted.countDown();
        // only returns if the four run at the same time
        assertThat(allStarted.await(10, TimeUnit.SECONDS)).isTrue();
        return value * 10;
      });
    }
    assertThat(ConcurrentIo.all(calls)).containsExactly(0, 10, 20, 30);
  }

  @Test
  void aFailureIsThrownOnlyOnceEveryCallHasEnded() {
    AtomicInteger ended = new AtomicInteger();
    List<Callable<String>> calls = List.of(
        () -> {
          throw new StorageException("first write failed", null);
        },
        () -> {
          Thread.sleep(300);
          ended.incrementAndGet();
          return "slow";
        },
        () -> {
          throw new IllegalStateException("second");
        });
    assertThatThrownBy(() -> ConcurrentIo.all(calls)).isInstanceOf(StorageException.class)
        .hasMessage("first write failed");
    assertThat(ended).as("the slow call had ended when the failure was thrown").hasValue(1);
  }
}
