package io.funit.common.eval.judges;

import io.funit.common.dataset.DatasetManifest;
import io.funit.common.eval.bank.ImageBank;
import io.funit.common.eval.bank.Progress;
import java.util.ArrayList;
import java.util.List;

/** Trains every judge of a dataset within the budget's time, shared in proportion to their training images. */
final class JudgeTraining {
  private JudgeTraining() {}

  /** The source-class judge alone, with a whole budget's time. */
  static Judge trainSource(DatasetManifest dataset, ImageBank images, JudgeBudget budget, Progress progress) {
    return JudgeTrainer.train(JudgeTasks.source(dataset, images, budget), images, budget, budget.maxSeconds(),
        progress);
  }

  static Judges trainAll(DatasetManifest dataset, ImageBank images, JudgeBudget budget, Progress progress) {
    List<JudgeTask> tasks = JudgeTasks.of(dataset, images, budget);
    long total = tasks.stream().mapToLong(t -> t.trainIds().length).sum();
    List<Judge> trained = new ArrayList<>();
    try {
      for (int i = 0; i < tasks.size(); i++) {
        JudgeTask task = tasks.get(i);
        double share = budget.maxSeconds() * task.trainIds().length / Math.max(1, total);
        long before = (long) i * budget.maxEpochs();
        long all = (long) tasks.size() * budget.maxEpochs();
        // one scale over all judges: judge i's epoch e is step i·maxEpochs + e
        trained.add(JudgeTrainer.train(task, images, budget, share,
            (done, ignored, message) -> progress.step(before + done, all, message)));
      }
    } catch (RuntimeException e) {
      trained.forEach(Judge::close);
      throw e;
    }
    return Judges.of(trained);
  }
}
