package io.funit.common.models;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Model cards by id, read from the registry once: a card never changes after registration, and a translation
 * should not pay two object-store round trips for it. Unknown ids are not remembered (the model may be registered
 * a moment later). The default model is remembered for {@link #DEFAULT_TTL}: a new default takes effect within it.
 */
public final class ModelCards {
  public static final java.time.Duration DEFAULT_TTL = java.time.Duration.ofSeconds(5);

  private final ModelRegistry registry;
  private final ConcurrentMap<String, ModelCard> cards = new ConcurrentHashMap<>();
  private volatile String defaultModel;
  private volatile long defaultReadAtNanos;
  private final AtomicBoolean refreshing = new AtomicBoolean();

  public ModelCards(ModelRegistry registry) {
    this.registry = registry;
  }

  public Optional<ModelCard> find(String modelId) {
    ModelCard card = cards.get(modelId);
    if (card != null) {
      return Optional.of(card);
    }
    Optional<ModelCard> read = registry.card(modelId);
    read.ifPresent(c -> cards.putIfAbsent(modelId, c));
    return read;
  }

  /**
   * The default model, read again once {@link #DEFAULT_TTL} has passed; "no default" is never remembered. When the
   * remembered one is due, a single caller reads it again while the others go on with it: under load every request
   * arriving during the read would otherwise make the same two object-store calls.
   */
  public Optional<String> defaultModel() {
    String known = defaultModel;
    boolean due = System.nanoTime() - defaultReadAtNanos >= DEFAULT_TTL.toNanos();
    if (known != null && (!due || !refreshing.compareAndSet(false, true))) {
      return Optional.of(known);
    }
    try {
      Optional<String> read = registry.defaultModel();
      defaultModel = read.orElse(null);
      defaultReadAtNanos = System.nanoTime();
      return read;
    } finally {
      if (known != null) {
        refreshing.set(false);
      }
    }
  }
}
