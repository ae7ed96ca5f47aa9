package io.funit.common.eval.judges;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.funit.common.eval.bank.ImageBank;
import io.funit.common.eval.bank.Progress;
import io.funit.common.eval.metrics.TopK;
import io.funit.common.eval.report.EvaluationReport.JudgeSummary;
import io.funit.common.funit.train.NoGrad;
import java.util.SplittableRandom;

/**
 * Trains one judge: Adam on softmax cross-entropy, shuffled mini-batches, within a time share. The first epoch
 * measures the speed; the learning rate then follows a cosine from its initial value to 0 over the epochs that fit
 * the share (at most {@link JudgeBudget#maxEpochs}), so a judge on a slow machine still ends at a low rate.
 */
public final class JudgeTrainer {
  private JudgeTrainer() {}

  /** The trained judge; its test accuracy measured on the task's test images. */
  public static Judge train(JudgeTask task, ImageBank bank, JudgeBudget budget, double seconds,
      Progress progress) {
    JudgeNet net = new JudgeNet(JudgeConfig.standard(bank.size(), task.classes()));
    Model model = Model.newInstance("judge-" + task.name());
    try {
      model.setBlock(net);
      long started = System.nanoTime();
      int batches = (task.trainIds().length + budget.batchSize() - 1) / budget.batchSize();
      Schedule schedule = new Schedule(budget.learningRate(), budget.maxEpochs() * batches);
      DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
          .optOptimizer(Optimizer.adam().optLearningRateTracker((Tracker) schedule::rate).build());
      int epochs = 0;
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(budget.batchSize(), 3, bank.size(), bank.size()));
        SplittableRandom random = new SplittableRandom(budget.seed() ^ task.name().hashCode());
        boolean timeUp = false;
        while (epochs < budget.maxEpochs() && !timeUp) {
          int[] order = JudgeTasks.shuffled(task.trainIds().length, random);
          for (int b = 0; b < batches && !timeUp; b++) {
            step(trainer, task, bank, order, b * budget.batchSize(), budget.batchSize());
            timeUp = elapsed(started) > seconds;
          }
          epochs++;
          if (epochs == 1) { // now the speed is known: fit the decay to the epochs the share allows
            int fit = (int) Math.max(1, Math.min(budget.maxEpochs(), Math.floor(seconds / elapsed(started))));
            schedule.total = fit * batches;
          }
          progress.step(epochs, budget.maxEpochs(), "training judge " + task.name() + ", epoch " + epochs);
        }
      }
      Judge judge = new Judge(model, net, null);
      double accuracy = accuracy(judge, task, bank);
      return new Judge(model, net, new JudgeSummary(task.name(), task.classes(), task.trainIds().length,
          task.testIds().length, accuracy, task.description() + String.format(
              "; %d epochs in %.0f s", epochs, elapsed(started))));
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  private static void step(Trainer trainer, JudgeTask task, ImageBank bank, int[] order, int from, int size) {
    int b = Math.min(size, order.length - from);
    int[] ids = new int[b];
    float[] labels = new float[b];
    for (int i = 0; i < b; i++) {
      ids[i] = task.trainIds()[order[from + i]];
      labels[i] = task.trainLabels()[order[from + i]];
    }
    try (NDManager batch = trainer.getManager().newSubManager()) {
      NDArray x = batch.create(bank.load(ids), new Shape(b, 3, bank.size(), bank.size()));
      NDArray y = batch.create(labels);
      try (GradientCollector collector = trainer.newGradientCollector()) {
        NDArray logits = trainer.forward(new NDList(x)).get(0);
        collector.backward(trainer.getLoss().evaluate(new NDList(y), new NDList(logits)));
      }
      // the update is in place on parameters that require grad: grad mode must be off whatever the thread did before
      try (NoGrad noGrad = new NoGrad()) {
        trainer.step();
      }
    }
  }

  /** Top-1 accuracy on the task's test images. */
  static double accuracy(Judge judge, JudgeTask task, ImageBank bank) {
    int correct = 0;
    int chunk = 512;
    for (int from = 0; from < task.testIds().length; from += chunk) {
      int n = Math.min(chunk, task.testIds().length - from);
      int[] ids = java.util.Arrays.copyOfRange(task.testIds(), from, from + n);
      float[] logits = judge.run(bank.load(ids), n).logits();
      for (int i = 0; i < n; i++) {
        if (TopK.argmax(logits, i, task.classes()) == task.testLabels()[from + i]) {
          correct++;
        }
      }
    }
    return task.testIds().length == 0 ? Double.NaN : (double) correct / task.testIds().length;
  }

  private static double elapsed(long started) {
    return (System.nanoTime() - started) / 1e9;
  }

  /** Cosine decay over {@code total} updates; {@code total} is refined after the first epoch. */
  private static final class Schedule {
    private final double initial;
    private volatile int total;

    Schedule(double initial, int total) {
      this.initial = initial;
      this.total = total;
    }

    float rate(int update) {
      double t = Math.min(1, (double) update / Math.max(1, total));
      return (float) (initial * 0.5 * (1 + Math.cos(Math.PI * t)));
    }
  }
}
