package io.funit.common.eval.judges;

/**
 * How much training the judges get (measured on 2 CPU cores; docs/evaluation.md).
 *
 * @param maxSeconds wall time for training all judges of a dataset, shared in proportion to their training
 *     images; each judge stops at the end of the batch that reaches its share
 * @param maxEpochs epochs per judge at most
 * @param batchSize images per update
 * @param learningRate Adam's initial learning rate, cosine-decayed to 0 over the epochs that fit the time share
 * @param trainFraction the part of each class's images a style judge trains on; the rest measure its accuracy
 * @param seed splits, initialization and shuffling
 */
public record JudgeBudget(double maxSeconds, int maxEpochs, int batchSize, double learningRate, double trainFraction,
    long seed) {
  /** The defaults: about 7 minutes for the starter300 fonts at 32 px on 2 cores (docs/evaluation.md). */
  public static final JudgeBudget DEFAULT = new JudgeBudget(420, 20, 64, 2e-3, 0.75, 1);

  public JudgeBudget {
    if (maxSeconds <= 0 || maxEpochs < 1 || batchSize < 2 || learningRate <= 0 || trainFraction <= 0
        || trainFraction >= 1) {
      throw new IllegalArgumentException("bad judge budget " + maxSeconds + " s, " + maxEpochs + " epochs, batch "
          + batchSize + ", lr " + learningRate + ", train fraction " + trainFraction);
    }
  }

  public JudgeBudget withMaxSeconds(double seconds) {
    return new JudgeBudget(seconds, maxEpochs, batchSize, learningRate, trainFraction, seed);
  }

  public JudgeBudget withMaxEpochs(int epochs) {
    return new JudgeBudget(maxSeconds, epochs, batchSize, learningRate, trainFraction, seed);
  }
}
