package io.funit.common.models;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One family of models (FUNIT today; the StarGAN baselines next): how a registered model's generator file becomes
 * something that translates. Each family registers one with {@code @AutoService(ModelFamily.class)}; the translate
 * and eval paths load every model through {@link ModelFamilies}, by the family its card names, and never name a
 * family's classes. The family's presets, which the gateway checks, are its {@link ModelPresets} in
 * {@code common/core}.
 */
public interface ModelFamily {
  /** The name cards carry ({@link ModelCard#family}). */
  String name();

  /** Loads a generator file this family wrote. */
  ServingModel load(Path generatorFile) throws IOException;
}
