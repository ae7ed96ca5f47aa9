package io.funit.common.models;

import io.funit.common.storage.ObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

/** The model families on the classpath ({@link ModelFamily}), and loading a registered model by its card's family. */
public final class ModelFamilies {
  private static final List<ModelFamily> ALL = ServiceLoader.load(ModelFamily.class).stream()
      .map(ServiceLoader.Provider::get).toList();

  private ModelFamilies() {}

  public static ModelFamily named(String family) {
    return ALL.stream().filter(f -> f.name().equals(family)).findFirst().orElseThrow(() ->
        new IllegalArgumentException("no model family '" + family + "' in this build; known: "
            + ALL.stream().map(ModelFamily::name).toList()));
  }

  /** The family whose presets include this one. */
  public static ModelFamily forPreset(String preset) {
    return named(ModelPresets.forPreset(preset).orElseThrow(() -> new IllegalArgumentException("unknown preset '"
        + preset + "'; known: " + ModelPresets.allNames())).family());
  }

  /**
   * A registered model's generator, loaded by its card's family.
   *
   * @param workDir where the generator's file is downloaded to while it loads (null: the temporary directory)
   */
  public static ServingModel loadRegistered(ObjectStore store, ModelCard card, Path workDir) throws IOException {
    ModelFamily family = named(card.family());
    Path file = workDir == null ? Files.createTempFile("funit-generator-", ".safetensors")
        : Files.createTempFile(Files.createDirectories(workDir), "funit-generator-", ".safetensors");
    try {
      store.download(ModelRegistry.generatorKey(card.id()), file);
      return family.load(file);
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
