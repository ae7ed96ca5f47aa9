package io.funit.worker.train;

import java.util.Map;

/**
 * The result of a training job, carried in its succeeded event.
 *
 * @param model the registered model id
 * @param iterations the model's training iterations
 * @param checkpointKey the final checkpoint
 * @param finalLosses the mean of each scalar over the last iterations
 */
public record TrainResult(String model, long iterations, String checkpointKey, Map<String, Double> finalLosses) {}
