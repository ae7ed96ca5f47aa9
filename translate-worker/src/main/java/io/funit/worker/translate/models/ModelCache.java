package io.funit.worker.translate.models;

import io.funit.common.models.ModelFamilies;
import io.funit.common.models.ModelRegistry;
import io.funit.common.models.ServingModel;
import io.funit.common.storage.ObjectStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loaded generators, least recently used first out once their parameters exceed {@code maxBytes} (the most recent
 * one always stays). Only the batcher thread calls {@link #get}, so an evicted generator is never in use when it is
 * closed.
 */
public final class ModelCache implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelCache.class);

  private final ObjectStore store;
  private final long maxBytes;
  private final Map<String, ServingModel> loaded = new LinkedHashMap<>(16, 0.75f, true);
  private volatile long usedBytes;
  /** The loaded ids, for readers that must not wait behind a load (readiness, the models gauge). */
  private volatile java.util.Set<String> loadedIds = java.util.Set.of();
  private final Counter hits;
  private final Counter misses;
  private final Counter evictions;

  /** @param maxBytes FUNIT_MODEL_CACHE_BYTES: parameter memory of the generators kept loaded */
  public ModelCache(ObjectStore store, long maxBytes) {
    this(store, maxBytes, new SimpleMeterRegistry());
  }

  /** As {@link #ModelCache(ObjectStore, long)}, with its figures (bytes, models, hits, misses, evictions) in metrics. */
  public ModelCache(ObjectStore store, long maxBytes, MeterRegistry metrics) {
    this.store = store;
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

  public synchronized ServingModel get(String modelId) {
    ServingModel generator = loaded.get(modelId);
    if (generator != null) {
      hits.increment();
      return generator;
    }
    misses.increment();
    generator = load(modelId);
    loaded.put(modelId, generator);
    usedBytes += generator.parameterBytes();
    evict();
    loadedIds = java.util.Set.copyOf(loaded.keySet());
    return generator;
  }

  /** Whether the model is loaded now (without counting as a use, and without waiting for a load in progress). */
  public boolean isLoaded(String modelId) {
    return loadedIds.contains(modelId);
  }

  private ServingModel load(String modelId) {
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
      entry.getValue().close();
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
    loadedIds = java.util.Set.of();
    usedBytes = 0;
  }
}
