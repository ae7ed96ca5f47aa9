package io.funit.worker.train;

import io.funit.common.contract.InvalidRequestException;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.funit.config.ConfigOverrides;
import io.funit.common.funit.config.FunitConfig;
import io.funit.common.funit.config.Presets;
import io.funit.common.training.TrainRequest;
import io.funit.common.worker.InvalidJobException;

/** A training job's typed configuration: the preset, then the job's overrides, then the dataset's class count. */
final class TrainingPlan {
  static final long DEFAULT_SEED = 1;

  private TrainingPlan() {}

  static FunitConfig config(TrainRequest request, DatasetManifest dataset) {
    FunitConfig base = Presets.find(request.preset()).orElseThrow(() -> new InvalidJobException(
        "preset: unknown preset '" + request.preset() + "'; known: " + Presets.names()));
    int classes = dataset.split(DatasetManifest.SPLIT_TRAIN).size();
    if (classes < 1) {
      throw new InvalidJobException("dataset: " + dataset.id() + " has no training classes");
    }
    try {
      return ConfigOverrides.apply(base, request.overrides()).withNumClasses(classes);
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
