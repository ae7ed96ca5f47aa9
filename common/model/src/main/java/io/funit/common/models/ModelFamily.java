package io.funit.common.models;

import io.funit.common.funit.config.TrainOverrides;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One family of models (FUNIT today; the StarGAN baselines next): how its presets become a training, how a training
 * is checkpointed and restored, and how a registered model's generator file becomes something that translates. Each
 * family registers one with {@code @AutoService(ModelFamily.class)}; the train worker, the translate worker and the
 * evaluation reach a family through {@link ModelFamilies} (by a preset, a card's family) and never name its classes.
 * The family's presets, which the gateway checks, are its {@link ModelPresets} in {@code common/core}.
 */
public interface ModelFamily {
  /** The name cards carry ({@link ModelCard#family}). */
  String name();

  /** Loads a generator file this family wrote ({@link ModelTrainer#saveGenerator}). */
  ServingModel load(Path generatorFile) throws IOException;

  /**
   * A training's configuration: one of this family's presets, then the overrides, then the dataset's class count.
   *
   * @throws io.funit.common.contract.InvalidRequestException naming the override at fault
   * @throws IllegalArgumentException when the result is not a valid configuration
   */
  ModelPlan plan(String preset, TrainOverrides overrides, int numClasses);

  /** A new training, its weights initialized from {@code seed}. */
  ModelTrainer newTrainer(ModelPlan plan, long seed);

  /**
   * A training restored from a checkpoint this family wrote ({@link ModelTrainer#saveCheckpoint}), with the job's
   * {@code overrides} applied to the checkpoint's configuration (a continuation may change the recipe, not the
   * networks: {@link TrainOverrides#parseRecipeChanges}).
   */
  ModelTrainer.Restored loadCheckpoint(Path file, TrainOverrides overrides) throws IOException;
}
