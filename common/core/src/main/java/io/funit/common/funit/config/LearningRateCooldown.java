package io.funit.common.funit.config;

/**
 * An optional end-of-run schedule, not in the official FUNIT (which keeps the learning rate constant, spec §3): over
 * the last {@code fraction} of a run the learning rate falls linearly to zero, as pix2pix and CycleGAN decay theirs
 * and as "budgeted training" (Li et al., 2020) recommends when a run's length is fixed in advance. A short run then
 * ends on a settled generator instead of wherever the adversarial game's swings left it.
 *
 * @param fraction share of the run that cools down, in [0, 1); 0 keeps the rate constant (the official behaviour)
 */
public record LearningRateCooldown(double fraction) {
  public static final LearningRateCooldown NONE = new LearningRateCooldown(0);

  public LearningRateCooldown {
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException("must be a share of the run in [0, 1), got " + fraction);
    }
  }

  /**
   * The learning-rate scale at a point of the run.
   *
   * @param progress the run's share done, in [0, 1]: of its iterations or of its time budget, whichever is further
   */
  public double scale(double progress) {
    if (fraction == 0) {
      return 1;
    }
    double remaining = 1 - Math.min(1, Math.max(0, progress));
    return Math.min(1, remaining / fraction);
  }

  /**
   * How far a run is: the further of its iteration share and its time-budget share.
   *
   * @param iteration iterations finished so far
   * @param startIteration the iteration the run (not a resumed attempt of it) started from
   * @param maxIteration the iteration the run ends at unless its time budget ends it first
   * @param trainedSeconds training time the run has spent (resumed attempts included)
   * @param maxSeconds the time budget, 0 for none
   */
  public static double progress(long iteration, long startIteration, long maxIteration, double trainedSeconds,
      double maxSeconds) {
    double byIterations = maxIteration > startIteration
        ? (double) (iteration - startIteration) / (maxIteration - startIteration) : 1;
    double byTime = maxSeconds > 0 ? trainedSeconds / maxSeconds : 0;
    return Math.max(byIterations, byTime);
  }
}
