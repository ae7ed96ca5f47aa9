package io.funit.common.training;

import io.funit.common.contract.Checks;
import io.funit.common.contract.InvalidRequestException;
import io.funit.common.contract.JobRequest;
import io.funit.common.funit.config.LearningRateCooldown;
import io.funit.common.funit.config.TrainOverrides;

/**
 * Train a FUNIT model on a stored dataset.
 *
 * @param dataset dataset id
 * @param preset a named configuration, e.g. font-64 or animal-128
 * @param overrides per-job changes to the preset; unknown fields are refused
 * @param checkpointEvery iterations between checkpoints (default 500)
 * @param sampleEvery iterations between sample grids (default 500)
 * @param progressEvery iterations between progress events (default 10; events are also rate-limited in time)
 * @param keepCheckpoints how many of the newest checkpoints to keep (default 3; the final checkpoint is the newest)
 * @param continueFrom a finished or canceled training to continue: its last checkpoint is the starting point
 * @param maxSeconds a training-time budget (0 = none): when the time spent training reaches it, the job ends
 *     successfully at the iteration it reached, with a final checkpoint and a registered model
 * @param validateEvery iterations between held-out validations (default 1,000; font datasets only): the glyph L1
 *     of both generators on the test fonts, logged in the metric history and shown with the progress
 * @param lrCooldown share of the run (of its iterations or its time budget, whichever ends it first) over which both
 *     learning rates fall linearly to zero (default 0: constant, as the official FUNIT); not in the paper
 */
public record TrainRequest(String dataset, String preset, TrainOverrides overrides, long checkpointEvery,
    long sampleEvery, long progressEvery, int keepCheckpoints, String continueFrom, long maxSeconds,
    long validateEvery, double lrCooldown)
    implements JobRequest {
  public TrainRequest {
    Checks.id("dataset", Checks.required("dataset", dataset));
    Checks.required("preset", preset);
    if (continueFrom != null) {
      Checks.id("continue_from", continueFrom);
    }
    overrides = overrides == null ? TrainOverrides.NONE : overrides;
    // bounded: the metric rows of one checkpoint interval wait in memory for their segment
    checkpointEvery = checkpointEvery == 0 ? 500 : Checks.range("checkpoint_every", checkpointEvery, 1, 100_000);
    sampleEvery = sampleEvery == 0 ? 500 : Checks.range("sample_every", sampleEvery, 1, 10_000_000);
    progressEvery = progressEvery == 0 ? 10 : Checks.range("progress_every", progressEvery, 1, 1_000_000);
    keepCheckpoints = keepCheckpoints == 0 ? 3 : (int) Checks.range("keep_checkpoints", keepCheckpoints, 1, 1000);
    Checks.range("max_seconds", maxSeconds, 0, 365L * 24 * 3600);
    validateEvery = validateEvery == 0 ? 1000 : Checks.range("validate_every", validateEvery, 1, 10_000_000);
    try {
      new LearningRateCooldown(lrCooldown);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("lr_cooldown", e.getMessage());
    }
  }

  /** The end-of-run learning-rate schedule this request asks for. */
  public LearningRateCooldown cooldown() {
    return new LearningRateCooldown(lrCooldown);
  }

  /**
   * A continuation of {@code training} to {@code iterations} in total, with its own time budget and cooldown and
   * the recipe {@code changes} ({@link TrainOverrides#parseRecipeChanges}); the dataset, preset, other overrides and
   * intervals stay this request's.
   */
  public TrainRequest withContinueFrom(String training, long iterations, long budgetSeconds, double lrCooldown,
      TrainOverrides changes) {
    return continuing(training, dataset, iterations, budgetSeconds, lrCooldown, changes);
  }

  /**
   * This request's training continued on another deployment's {@code dataset} from an imported checkpoint (no
   * training to continue from: the checkpoint is the new training's own), to {@code iterations} in total.
   */
  public TrainRequest imported(String dataset, long iterations, long budgetSeconds, double lrCooldown,
      TrainOverrides changes) {
    return continuing(null, dataset, iterations, budgetSeconds, lrCooldown, changes);
  }

  private TrainRequest continuing(String training, String dataset, long iterations, long budgetSeconds,
      double lrCooldown, TrainOverrides changes) {
    TrainOverrides longer = overrides.with(changes).with(TrainOverrides.onlyIterations(iterations));
    return new TrainRequest(dataset, preset, longer, checkpointEvery, sampleEvery, progressEvery, keepCheckpoints,
        training, budgetSeconds, validateEvery, lrCooldown);
  }
}
