package io.funit.common.contract;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Train a FUNIT model on a stored dataset.
 *
 * @param dataset dataset id
 * @param preset a named configuration, e.g. font-64 or animal-128
 * @param overrides per-job changes to the preset (iterations, batch_size, lr_gen, ...); checked against the
 *     preset's typed configuration by the train worker
 * @param checkpointEvery iterations between checkpoints
 * @param sampleEvery iterations between sample grids
 */
public record TrainRequest(String dataset, String preset, JsonNode overrides, long checkpointEvery,
    long sampleEvery) implements JobRequest {
  public TrainRequest {
    Checks.required("dataset", dataset);
    Checks.required("preset", preset);
    if (overrides != null && !overrides.isObject() && !overrides.isNull()) {
      throw new InvalidRequestException("overrides", "must be an object");
    }
    checkpointEvery = checkpointEvery == 0 ? 1000 : Checks.range("checkpoint_every", checkpointEvery, 1, 10_000_000);
    sampleEvery = sampleEvery == 0 ? 1000 : Checks.range("sample_every", sampleEvery, 1, 10_000_000);
  }
}
