package io.funit.common.models;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A training's configuration as its family resolved it (the preset, the request's overrides, the dataset's class
 * count): what the train worker needs to know of it, and the whole of it as JSON for the model card.
 */
public interface ModelPlan {
  String family();

  String preset();

  int imageSize();

  int batchSize();

  /** The iteration the training ends at. */
  long maxIterations();

  /** The training classes the model learns (the discriminator's heads, for FUNIT). */
  int numClasses();

  /**
   * Whether each batch needs the true translation of its content into its class, the class's own image of the
   * content's character ({@link io.funit.common.dataset.sampler.FunitSampler.Options#pairedTargets}).
   */
  default boolean pairedTargets() {
    return false;
  }

  /** Class images per training sample ({@link io.funit.common.dataset.sampler.FunitSampler.Options#classShots}). */
  default int classShots() {
    return 1;
  }

  /** The whole configuration, written into the card ({@link ModelCard#config}). */
  JsonNode cardConfig();
}
