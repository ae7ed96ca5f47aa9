package io.funit.worker.translate.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.funit.common.models.FewShotTranslator;
import io.funit.common.models.ServingModel;
import io.funit.worker.translate.batching.PassModels;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Eviction by parameter memory, and never under a pass that holds the model. */
class ModelCacheTest {
  private final Map<String, Counted> made = new HashMap<>();
  private final ModelCache cache = new ModelCache(id -> made.computeIfAbsent(id, Counted::new), 150,
      new SimpleMeterRegistry());

  @Test
  void theLeastRecentlyUsedModelIsClosedWhenTheCacheIsFull() {
    cache.lease("a").close();
    cache.lease("b").close();
    assertThat(made.get("a").closed).isEqualTo(1);
    assertThat(made.get("b").closed).isZero();
    assertThat(cache.isLoaded("a")).isFalse();
    assertThat(cache.isLoaded("b")).isTrue();
  }

  @Test
  void aModelEvictedWhileAPassHoldsItIsClosedOnlyWhenThePassLetsGo() {
    PassModels.Lease a = cache.lease("a");
    PassModels.Lease b = cache.lease("b"); // another lane's model: a is evicted from the cache
    assertThat(cache.isLoaded("a")).isFalse();
    assertThat(made.get("a").closed).as("closed under a running pass").isZero();
    a.close();
    a.close(); // a second close of the same lease releases nothing more
    assertThat(made.get("a").closed).isEqualTo(1);
    b.close();
    assertThat(made.get("b").closed).isZero();
  }

  @Test
  void aModelHeldByTwoPassesStaysOpenUntilBothLetGo() {
    PassModels.Lease first = cache.lease("a");
    PassModels.Lease second = cache.lease("a");
    cache.lease("b").close();
    first.close();
    assertThat(made.get("a").closed).isZero();
    second.close();
    assertThat(made.get("a").closed).isEqualTo(1);
  }

  /** A model of 100 parameter bytes that counts its closes; nothing translates with it here. */
  private static final class Counted implements ServingModel {
    int closed;

    Counted(String id) {}

    @Override
    public String family() {
      return "counted";
    }

    @Override
    public FewShotTranslator translator() {
      throw new UnsupportedOperationException("not a translation test");
    }

    @Override
    public long parameterBytes() {
      return 100;
    }

    @Override
    public void close() {
      closed++;
    }
  }
}
