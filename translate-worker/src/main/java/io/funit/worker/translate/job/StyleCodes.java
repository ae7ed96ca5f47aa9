package io.funit.worker.translate.job;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Class codes of styles under models, kept in memory (bounded, least recently used out) in front of the codes
 * stored beside each style, so that a style used again skips both the class encoder and the object store.
 */
final class StyleCodes {
  private final int capacity;
  private final Map<String, float[]> codes;

  StyleCodes(int capacity) {
    this.capacity = capacity;
    this.codes = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
        return size() > StyleCodes.this.capacity;
      }
    };
  }

  synchronized Optional<float[]> get(String styleId, String modelId) {
    return Optional.ofNullable(codes.get(styleId + "/" + modelId));
  }

  synchronized void put(String styleId, String modelId, float[] code) {
    codes.put(styleId + "/" + modelId, code);
  }
}
