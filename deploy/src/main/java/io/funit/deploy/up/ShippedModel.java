package io.funit.deploy.up;

import io.funit.common.json.Json;
import io.funit.common.models.ModelCard;
import io.funit.common.models.ModelRegistry;
import io.funit.common.storage.ObjectStore;
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

  static Path directory(Installation installation) {
    return installation.home().resolve("models").resolve("default");
  }

  /** Registers the shipped model unless the store already has a default model. Returns the default's id. */
  public static String installIfNoDefault(ObjectStore store, Path dir) throws IOException {
    ModelRegistry registry = new ModelRegistry(store);
    var existing = registry.defaultModel();
    if (existing.isPresent()) {
      return existing.get();
    }
    Path card = dir.resolve(ModelRegistry.CARD);
    Path generator = dir.resolve(ModelRegistry.GENERATOR);
    if (!Files.isRegularFile(card) || !Files.isRegularFile(generator)) {
      LOG.info("no shipped model in {}: no default model until one is trained", dir);
      return null;
    }
    ModelCard shipped = Json.MAPPER.readValue(card.toFile(), ModelCard.class);
    registry.register(shipped, generator);
    registry.setDefault(shipped.id());
    LOG.info("registered the shipped model {} ({}, {} iterations) as the default", shipped.id(), shipped.preset(),
        shipped.iterations());
    return shipped.id();
  }
}
