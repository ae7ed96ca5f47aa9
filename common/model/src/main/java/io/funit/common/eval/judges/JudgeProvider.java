package io.funit.common.eval.judges;

import io.funit.common.dataset.DatasetManifest;
import io.funit.common.eval.bank.ImageBank;
import io.funit.common.eval.bank.Progress;
import java.io.IOException;

/**
 * Gives an evaluation the judges of its dataset at the model's image size: trained on the dataset's images, or
 * loaded when an earlier evaluation of the same dataset and size trained them ({@link StoredJudges}).
 */
public interface JudgeProvider {
  /** The judges; the caller closes them. Progress reports training, if any. */
  Judges judges(DatasetManifest dataset, ImageBank images, Progress progress) throws IOException;

  /**
   * The judge of the source (training) classes only ({@link JudgeTasks#STYLE_SOURCE}), whose features a few-shot
   * classifier of the held-out classes learns from; the caller closes it.
   */
  Judge sourceJudge(DatasetManifest dataset, ImageBank images, Progress progress) throws IOException;

  /** Judges trained afresh for every evaluation and kept nowhere (tests, one-off runs). */
  static JudgeProvider untrained(JudgeBudget budget) {
    return new JudgeProvider() {
      @Override
      public Judges judges(DatasetManifest dataset, ImageBank images, Progress progress) {
        return JudgeTraining.trainAll(dataset, images, budget, progress);
      }

      @Override
      public Judge sourceJudge(DatasetManifest dataset, ImageBank images, Progress progress) {
        return JudgeTraining.trainSource(dataset, images, budget, progress);
      }
    };
  }
}
