package io.funit.worker.train;

import io.funit.common.contract.InvalidRequestException;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.models.ModelFamilies;
import io.funit.common.models.ModelFamily;
import io.funit.common.models.ModelPlan;
import io.funit.common.training.TrainRequest;
import io.funit.common.worker.InvalidJobException;

/**
 * A training job's configuration, by the family of its preset: the preset, then the job's overrides, then the
 * dataset's class count.
 */
final class TrainingPlan {
  static final long DEFAULT_SEED = 1;

  private TrainingPlan() {}

  /** The family whose presets include the request's; a preset no family has never gets better on a retry. */
  static ModelFamily family(TrainRequest request) {
    try {
      return ModelFamilies.forPreset(request.preset());
    } catch (IllegalArgumentException e) {
      throw new InvalidJobException("preset: " + e.getMessage(), e);
    }
  }

  static ModelPlan plan(ModelFamily family, TrainRequest request, DatasetManifest dataset) {
    int classes = dataset.split(DatasetManifest.SPLIT_TRAIN).size();
    if (classes < 1) {
      throw new InvalidJobException("dataset: " + dataset.id() + " has no training classes");
    }
    try {
      return family.plan(request.preset(), request.overrides(), classes);
    } catch (InvalidRequestException e) {
      throw new InvalidJobException(e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new InvalidJobException("overrides: " + e.getMessage(), e);
    }
  }

  static long seed(TrainRequest request) {
    return request.overrides().seed() == null ? DEFAULT_SEED : request.overrides().seed();
  }
}
