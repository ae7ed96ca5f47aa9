package io.funit.worker.translate.models;

import io.funit.common.models.ModelFamilies;
import io.funit.common.models.ModelRegistry;
import io.funit.common.models.ServingModel;
import io.funit.common.storage.ObjectStore;
import io.funit.worker.translate.batching.PassModels;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loaded generators, least recently used first out once their parameters exceed {@code maxBytes} (the most recent
 * one always stays). The batcher's lanes {@link #lease} the model of each pass: an evicted generator that a pass
 * still holds is closed when the pass lets it go, never under it.
 */
public final class ModelCache implements AutoCloseable, PassModels {
  private static final Logger LOG = LoggerFactory.getLogger(ModelCache.class);

  /** Loads a registered model from the store by the family its card names. */
  private final java.util.function.Function<String, ServingModel> loader;
  private final long maxBytes;
  private final Map<String, ServingModel> loaded = new LinkedHashMap<>(16, 0.75f, true);
  private volatile long usedBytes;
  /** The loaded ids, for readers that must not wait behind a load (readiness, the models gauge). */
  private volatile java.util.Set<String> loadedIds = java.util.Set.of();
  /** Per generator that passes hold, how many; guarded by this. */
  private final Map<ServingModel, Integer> held = new IdentityHashMap<>();
  /** Evicted generators still held by a pass, closed when the last lets go; guarded by this. */
  private final Set<ServingModel> evictedWhileHeld = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Counter hits;
  private final Counter misses;
  private final Counter evictions;

  /** @param maxBytes FUNIT_MODEL_CACHE_BYTES: parameter memory of the generators kept loaded */
  public ModelCache(ObjectStore store, long maxBytes) {
    this(store, maxBytes, new SimpleMeterRegistry());
  }

  /**
   * As {@link #ModelCache(ObjectStore, long)}, with its figures (bytes, models, hits, misses, evictions) in metrics.
   */
  public ModelCache(ObjectStore store, long maxBytes, MeterRegistry metrics) {
    this(modelId -> load(store, modelId), maxBytes, metrics);
  }

  /** As above, with models from {@code loader} (tests). */
  ModelCache(java.util.function.Function<String, ServingModel> loader, long maxBytes, MeterRegistry metrics) {
    this.loader = loader;
    this.maxBytes = maxBytes;
    this.hits = Counter.builder("funit.model.cache.hits").description("Batches whose generator was loaded already")
        .register(metrics);
    this.misses = Counter.builder("funit.model.cache.misses")
        .description("Generators loaded from the store into the cache").register(metrics);
    this.evictions = Counter.builder("funit.model.cache.evictions")
        .description("Generators dropped from the cache to stay within FUNIT_MODEL_CACHE_BYTES").register(metrics);
    Gauge.builder("funit.model.cache", this, cache -> cache.usedBytes).baseUnit("bytes")
        .description("Parameter memory of the generators in the cache").register(metrics);
    Gauge.builder("funit.model.cache.models", this, cache -> cache.loadedIds.size())
        .description("Generators in the cache").register(metrics);
  }

  private synchronized ServingModel get(String modelId) {
    ServingModel generator = loaded.get(modelId);
    if (generator != null) {
      hits.increment();
      return generator;
    }
    misses.increment();
    generator = loader.apply(modelId);
    loaded.put(modelId, generator);
    usedBytes += generator.parameterBytes();
    evict();
    loadedIds = java.util.Set.copyOf(loaded.keySet());
    return generator;
  }

  /** The generator {@code modelId}, loaded if need be, held (not closed by an eviction) until the lease closes. */
  @Override
  public synchronized PassModels.Lease lease(String modelId) {
    ServingModel generator = get(modelId);
    held.merge(generator, 1, Integer::sum);
    return new PassModels.Lease() {
      private boolean open = true;

      @Override
      public ServingModel model() {
        return generator;
      }

      @Override
      public void close() {
        if (open) {
          open = false;
          release(generator);
        }
      }
    };
  }

  private synchronized void release(ServingModel generator) {
    if (!held.containsKey(generator)) {
      return; // the cache was closed under the pass, and the model with it
    }
    if (held.merge(generator, -1, (count, less) -> count + less == 0 ? null : count + less) == null
        && evictedWhileHeld.remove(generator)) {
      generator.close();
    }
  }

  /** Whether the model is loaded now (without counting as a use, and without waiting for a load in progress). */
  public boolean isLoaded(String modelId) {
    return loadedIds.contains(modelId);
  }

  private static ServingModel load(ObjectStore store, String modelId) {
    long start = System.nanoTime();
    try {
      // loaded by the family its card names: the cache holds models of any family
      io.funit.common.models.ModelCard card = new ModelRegistry(store).card(modelId).orElseThrow(() ->
          new IllegalStateException("model " + modelId + " is not registered (no card)"));
      ServingModel generator = ModelFamilies.loadRegistered(store, card, null);
      LOG.info("loaded model {} ({} MiB of parameters) in {} ms", modelId, generator.parameterBytes() >> 20,
          (System.nanoTime() - start) / 1_000_000);
      return generator;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load model " + modelId + ": " + e.getMessage(), e);
    }
  }

  private void evict() {
    Iterator<Map.Entry<String, ServingModel>> eldest = loaded.entrySet().iterator();
    while (usedBytes > maxBytes && loaded.size() > 1) {
      Map.Entry<String, ServingModel> entry = eldest.next();
      eldest.remove();
      usedBytes -= entry.getValue().parameterBytes();
      if (held.containsKey(entry.getValue())) {
        evictedWhileHeld.add(entry.getValue());
      } else {
        entry.getValue().close();
      }
      evictions.increment();
      LOG.info("evicted model {} from the cache", entry.getKey());
    }
  }

  public synchronized int size() {
    return loaded.size();
  }

  @Override
  public synchronized void close() {
    loaded.values().forEach(ServingModel::close);
    loaded.clear();
    evictedWhileHeld.forEach(ServingModel::close);
    evictedWhileHeld.clear();
    held.clear();
    loadedIds = java.util.Set.of();
    usedBytes = 0;
  }
}
