package io.funit.translate.models;

import io.funit.common.models.ModelCard;
import io.funit.common.models.ModelRegistry;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Model cards by id, read from the registry once: a card never changes after registration, and a translation job
 * should not pay two object-store round trips for it. Unknown ids are not remembered (the model may be registered
 * a moment later).
 */
public final class ModelCards {
  private final ModelRegistry registry;
  private final ConcurrentMap<String, ModelCard> cards = new ConcurrentHashMap<>();

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

  /** The current default model (not cached: operators change it). */
  public Optional<String> defaultModel() {
    return registry.defaultModel();
  }
}
