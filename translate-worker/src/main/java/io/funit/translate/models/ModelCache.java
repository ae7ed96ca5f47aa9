package io.funit.translate.models;

import io.funit.common.models.ModelRegistry;
import io.funit.common.models.ServingGenerator;
import io.funit.common.storage.ObjectStore;
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
  private final Map<String, ServingGenerator> loaded = new LinkedHashMap<>(16, 0.75f, true);
  private long usedBytes;

  /** @param maxBytes FUNIT_MODEL_CACHE_BYTES: parameter memory of the generators kept loaded */
  public ModelCache(ObjectStore store, long maxBytes) {
    this.store = store;
    this.maxBytes = maxBytes;
  }

  public synchronized ServingGenerator get(String modelId) {
    ServingGenerator generator = loaded.get(modelId);
    if (generator != null) {
      return generator;
    }
    generator = load(modelId);
    loaded.put(modelId, generator);
    usedBytes += generator.parameterBytes();
    evict();
    return generator;
  }

  private ServingGenerator load(String modelId) {
    long start = System.nanoTime();
    try {
      ServingGenerator generator = new ModelRegistry(store).loadForServing(modelId, null);
      LOG.info("loaded model {} ({} MiB of parameters) in {} ms", modelId, generator.parameterBytes() >> 20,
          (System.nanoTime() - start) / 1_000_000);
      return generator;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load model " + modelId + ": " + e.getMessage(), e);
    }
  }

  private void evict() {
    Iterator<Map.Entry<String, ServingGenerator>> eldest = loaded.entrySet().iterator();
    while (usedBytes > maxBytes && loaded.size() > 1) {
      Map.Entry<String, ServingGenerator> entry = eldest.next();
      eldest.remove();
      usedBytes -= entry.getValue().parameterBytes();
      entry.getValue().close();
      LOG.info("evicted model {} from the cache", entry.getKey());
    }
  }

  public synchronized int size() {
    return loaded.size();
  }

  @Override
  public synchronized void close() {
    loaded.values().forEach(ServingGenerator::close);
    loaded.clear();
    usedBytes = 0;
  }
}
