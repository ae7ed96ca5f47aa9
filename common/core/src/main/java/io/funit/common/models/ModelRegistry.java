package io.funit.common.models;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.json.Json;
import io.funit.common.storage.ObjectInfo;
import io.funit.common.storage.ObjectStore;
import io.funit.common.storage.StorageKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Registered models in the object store: {@code models/{id}/generator.safetensors} and {@code models/{id}/card.json}
 * (written last). {@code models/default.json} names the model used when a request names none.
 */
public final class ModelRegistry {
  public static final String GENERATOR = "generator.safetensors";
  public static final String CARD = "card.json";
  /** Beside a font model: its held-out glyph L1 and style agreement ({@code ./funit model held-out-l1}). */
  public static final String HELD_OUT = "held-out-l1.json";
  static final String DEFAULT_POINTER = "models/default.json";
  private static final int MAX_CARD_BYTES = 16 << 20;

  private final ObjectStore store;

  public ModelRegistry(ObjectStore store) {
    this.store = store;
  }

  public static String generatorKey(String modelId) {
    return StorageKeys.model(modelId, GENERATOR);
  }

  public static String contentFontKey(String modelId) {
    return StorageKeys.model(modelId, ContentFont.FILE);
  }

  public static String heldOutKey(String modelId) {
    return StorageKeys.model(modelId, HELD_OUT);
  }

  /** Stores the model's held-out figures (JSON). */
  public void putHeldOut(String modelId, byte[] json) {
    store.putBytes(heldOutKey(modelId), json, "application/json");
  }

  /** The model's held-out figures, when they were measured. */
  public Optional<JsonNode> heldOut(String modelId) {
    return store.readJson(heldOutKey(modelId), JsonNode.class, MAX_CARD_BYTES);
  }

  public static String cardKey(String modelId) {
    return StorageKeys.model(modelId, CARD);
  }

  /** Uploads the generator, then the card. Re-registering the same id overwrites both (same training, same bytes). */
  public ModelCard register(ModelCard card, Path generator) {
    return register(card, generator, null);
  }

  /**
   * As {@link #register(ModelCard, Path)}, with the glyph row of the card's content font (PNG), stored before the
   * card at the key the card names.
   */
  public ModelCard register(ModelCard card, Path generator, byte[] contentFontGlyphs) {
    if ((card.contentFont() == null) != (contentFontGlyphs == null)) {
      throw new IllegalArgumentException("a content font needs its glyphs, and glyphs need a content font");
    }
    store.put(generatorKey(card.id()), generator, "application/octet-stream");
    if (contentFontGlyphs != null) {
      store.putBytes(card.contentFont().key(), contentFontGlyphs, "image/png");
    }
    store.putBytes(cardKey(card.id()), Json.writeBytes(card), "application/json");
    return card;
  }

  public Optional<ModelCard> card(String modelId) {
    return store.readJson(cardKey(modelId), ModelCard.class, MAX_CARD_BYTES);
  }

  /** Every registered model, newest first. */
  public List<ModelCard> list() {
    List<ModelCard> cards = new ArrayList<>();
    for (ObjectInfo object : store.list("models/")) {
      if (object.key().endsWith("/" + CARD)) {
        String id = object.key().substring("models/".length(), object.key().length() - CARD.length() - 1);
        card(id).ifPresent(cards::add);
      }
    }
    cards.sort(Comparator.comparing(ModelCard::createdAt).reversed());
    return cards;
  }

  /** Makes {@code modelId} the default model. */
  public void setDefault(String modelId) {
    if (card(modelId).isEmpty()) {
      throw new IllegalArgumentException("no registered model " + modelId);
    }
    store.putBytes(DEFAULT_POINTER, Json.writeBytes(java.util.Map.of("model", modelId)), "application/json");
  }

  public Optional<String> defaultModel() {
    if (store.stat(DEFAULT_POINTER).isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(Json.MAPPER.readTree(store.readBytes(DEFAULT_POINTER, 4096)).path("model")
          .asText(null));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DEFAULT_POINTER, e);
    }
  }
}
