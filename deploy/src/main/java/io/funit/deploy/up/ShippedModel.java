package io.funit.deploy.up;

import io.funit.common.json.Json;
import io.funit.common.models.ContentFont;
import io.funit.common.models.ModelCard;
import io.funit.common.models.ModelRegistry;
import io.funit.common.storage.ObjectStore;
import io.funit.deploy.dataset.DatasetRebuild;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model shipped in the repository ({@code models/default/}: generator, card, and how it was made). The embedded
 * stack registers it on first start and makes it the default, so translation works before anyone trains.
 */
public final class ShippedModel {
  private static final Logger LOG = LoggerFactory.getLogger(ShippedModel.class);

  private ShippedModel() {}

  public static Path directory(Installation installation) {
    return installation.home().resolve("models").resolve("default");
  }

  /**
   * Registers the shipped model unless the store already has a default model. Returns the default's id. A store
   * whose default is the shipped model registered before it had a content font gets the content font.
   */
  public static String installIfNoDefault(ObjectStore store, Path dir) throws IOException {
    ModelRegistry registry = new ModelRegistry(store);
    var existing = registry.defaultModel();
    Path card = dir.resolve(ModelRegistry.CARD);
    Path generator = dir.resolve(ModelRegistry.GENERATOR);
    if (!Files.isRegularFile(card) || !Files.isRegularFile(generator)) {
      LOG.info("no shipped model in {}: {}", dir, existing.isPresent() ? "keeping the default model"
          : "no default model until one is trained");
      return existing.orElse(null);
    }
    ModelCard shipped = Json.MAPPER.readValue(card.toFile(), ModelCard.class);
    if (existing.isPresent()) {
      if (existing.get().equals(shipped.id()) && shipped.contentFont() != null
          && registry.card(shipped.id()).map(c -> c.contentFont() == null).orElse(false)) {
        register(registry, shipped, dir);
        LOG.info("added the content font {} to the shipped model {}", shipped.contentFont().face(), shipped.id());
      }
      return existing.get();
    }
    register(registry, shipped, dir);
    registry.setDefault(shipped.id());
    LOG.info("registered the shipped model {} ({}, {} iterations) as the default", shipped.id(), shipped.preset(),
        shipped.iterations());
    return shipped.id();
  }

  /**
   * Builds the model's training dataset again, on a daemon thread, when the store lacks it and the card has its
   * recipe (about a minute: the fonts come from Debian's packages); the stack serves meanwhile.
   */
  public static void rebuildDatasetInBackground(ObjectStore store, String modelId) {
    Thread rebuild = new Thread(() -> {
      try {
        ModelCard card = new ModelRegistry(store).card(modelId).orElseThrow();
        if (card.datasetRecipe() != null) {
          DatasetRebuild.ensure(store, card); // returns at once when the store has the dataset
        }
      } catch (Exception e) {
        LOG.warn("the default model's dataset could not be built again: {}", e.getMessage());
      }
    }, "funit-dataset-rebuild");
    rebuild.setDaemon(true);
    rebuild.start();
  }

  /** Registers the model kept in {@code dir} (its card, generator and content font), without making it the default. */
  public static ModelCard register(ObjectStore store, Path dir) throws IOException {
    ModelCard card = Json.MAPPER.readValue(dir.resolve(ModelRegistry.CARD).toFile(), ModelCard.class);
    register(new ModelRegistry(store), card, dir);
    return card;
  }

  private static void register(ModelRegistry registry, ModelCard shipped, Path dir) throws IOException {
    byte[] contentFont = shipped.contentFont() == null ? null : Files.readAllBytes(dir.resolve(ContentFont.FILE));
    registry.register(shipped, dir.resolve(ModelRegistry.GENERATOR), contentFont);
    Path heldOut = dir.resolve(ModelRegistry.HELD_OUT);
    if (Files.isRegularFile(heldOut)) {
      registry.putHeldOut(shipped.id(), Files.readAllBytes(heldOut));
    }
  }
}
