package io.funit.worker.train;

import ai.djl.ndarray.NDManager;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.dataset.sampler.FunitSampler;
import io.funit.common.dataset.sampler.HostBatch;
import io.funit.common.funit.config.LearningRateCooldown;
import io.funit.common.models.ModelTrainer;
import io.funit.common.storage.ObjectStore;
import io.funit.common.training.CheckpointStore;
import io.funit.common.training.MetricRow;
import io.funit.common.training.SampleGrids;
import io.funit.common.training.TrainRequest;
import io.funit.common.training.TrainingMetrics;
import io.funit.common.worker.InvalidJobException;
import io.funit.common.worker.JobContext;
import io.funit.common.worker.JobStoppedException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One training job's loop, one method per step: train an iteration, validate, log it, report progress, draw
 * samples, checkpoint. A stop (cancel or hand-back) is honoured between iterations and leaves a checkpoint at the last
 * finished iteration; a non-finite loss fails the job and keeps the last good checkpoint.
 */
final class TrainingRun {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TrainingRun.class);
  private static final int THROUGHPUT_WINDOW = 20;
  /** The metric of the learning-rate scale an iteration trained with, logged when the request has a cooldown. */
  static final String LR_SCALE = "lr_scale";

  private final String jobId;
  private final TrainRequest request;
  private final ModelTrainer trainer;
  private final FunitSampler sampler;
  private final long samplerSeed;
  private final long maxIter;
  private final JobContext context;
  private final ObjectStore store;
  private final CheckpointStore checkpoints;
  private final TrainingMetrics metrics;
  private final HostBatch trainDisplay;
  private final HostBatch testDisplay;
  private final HeldOutValidation validation;
  private final List<MetricRow> unsaved = new ArrayList<>();
  private final ArrayDeque<Long> recentNanos = new ArrayDeque<>();
  private final Map<String, Double> latestValidation = new LinkedHashMap<>();
  private final LearningRateCooldown cooldown;
  private final TrainingGauges.Live gauges;
  private long lastCheckpoint;
  private double trainedSeconds;
  private long startIteration;

  TrainingRun(String jobId, TrainRequest request, ModelTrainer trainer, FunitSampler sampler, long samplerSeed,
      long maxIter, JobContext context, ObjectStore store, HostBatch trainDisplay, HostBatch testDisplay,
      HeldOutValidation validation, TrainingGauges.Live gauges) {
    this.jobId = jobId;
    this.gauges = gauges;
    this.request = request;
    this.trainer = trainer;
    this.sampler = sampler;
    this.samplerSeed = samplerSeed;
    this.maxIter = maxIter;
    this.context = context;
    this.store = store;
    this.checkpoints = new CheckpointStore(store);
    this.metrics = new TrainingMetrics(store);
    this.trainDisplay = trainDisplay;
    this.testDisplay = testDisplay;
    this.validation = validation;
    this.lastCheckpoint = trainer.iteration();
    this.cooldown = request.cooldown();
  }

  /**
   * Trains until {@code maxIter}, or until the time budget is spent; returns with the final checkpoint written.
   *
   * @param secondsBefore training time of this job's iterations before the checkpoint it resumed from
   * @param startIteration the iteration this job started from (a resumed attempt keeps its job's start), for the
   *     learning-rate cooldown
   */
  void run(double secondsBefore, long startIteration) throws InterruptedException {
    trainedSeconds = secondsBefore;
    this.startIteration = startIteration;
    sampler.start(trainer.iteration());
    try {
      while (trainer.iteration() < maxIter && !budgetSpent()) {
        try {
          context.checkStop();
          step();
        } catch (JobStoppedException e) {
          if (!e.superseded()) {
            checkpoint(); // canceled or handed back: keep every finished iteration
          } // superseded: a newer attempt owns the checkpoints and the history now
          throw e;
        }
      }
      if (trainer.iteration() % request.sampleEvery() != 0 && trainer.iteration() < maxIter) {
        drawSamples(trainer.iteration()); // stopped by the budget: the final grids
      }
      checkpoint(); // the budget's end, or a resumed run that had already reached maxIter
    } finally {
      sampler.close();
    }
  }

  private void step() throws InterruptedException {
    MetricRow row = trainIteration();
    long it = row.iteration();
    if (validation != null && (it % request.validateEvery() == 0 || it == maxIter || budgetSpent())) {
      row = validate(row);
    }
    unsaved.add(row);
    double secondsPerIteration = secondsPerIteration();
    gauges.iteration(it, secondsPerIteration > 0 ? 1 / secondsPerIteration : Double.NaN, row.values());
    if (it % request.sampleEvery() == 0 || it == maxIter) {
      drawSamples(it);
    }
    if (it % request.checkpointEvery() == 0 || it == maxIter) {
      checkpoint();
    }
    if (it % request.progressEvery() == 0 || it == maxIter) {
      reportProgress(row);
    }
  }

  private MetricRow trainIteration() throws InterruptedException {
    HostBatch batch = sampler.next();
    double lrScale = cooldown.scale(LearningRateCooldown.progress(trainer.iteration(), startIteration,
        maxIter, trainedSeconds, request.maxSeconds()));
    trainer.setLearningRateScale(lrScale);
    long start = System.nanoTime();
    Map<String, Double> values;
    try (NDManager manager = NDManager.newBaseManager()) {
      values = new LinkedHashMap<>(trainer.iterate(batch.toTrainingBatch(manager)));
    }
    long nanos = System.nanoTime() - start;
    if (cooldown.fraction() > 0) {
      values.put(LR_SCALE, lrScale); // the schedule, visible beside the losses it shapes
    }
    MetricRow row = new MetricRow(trainer.iteration(), nanos / 1e9, values);
    row.values().forEach((name, value) -> {
      if (!Double.isFinite(value)) {
        throw new InvalidJobException("non-finite " + name + " (" + value + ") at iteration " + row.iteration()
            + "; the last good checkpoint (iteration " + lastCheckpoint + ") is kept");
      }
    });
    trainedSeconds += row.seconds();
    recentNanos.addLast(nanos);
    if (recentNanos.size() > THROUGHPUT_WINDOW) {
      recentNanos.removeFirst();
    }
    return row;
  }

  /** The row with the held-out figures added; they also go with every progress report until the next ones. */
  private MetricRow validate(MetricRow row) {
    long start = System.nanoTime();
    Map<String, Double> figures = validation.measure(trainer);
    LOG.info("training {}: held-out L1 at iteration {}: {} ({} ms)", jobId, row.iteration(), figures,
        (System.nanoTime() - start) / 1_000_000);
    latestValidation.putAll(figures);
    Map<String, Double> values = new LinkedHashMap<>(row.values());
    values.putAll(figures);
    return new MetricRow(row.iteration(), row.seconds(), values);
  }

  private boolean budgetSpent() {
    return request.maxSeconds() > 0 && trainedSeconds >= request.maxSeconds();
  }

  /** Mean over the last {@link #THROUGHPUT_WINDOW} iterations. */
  private double secondsPerIteration() {
    return recentNanos.stream().mapToLong(Long::longValue).average().orElse(0) / 1e9;
  }

  private void reportProgress(MetricRow row) {
    double secondsPerIteration = secondsPerIteration();
    Map<String, Double> figures = new LinkedHashMap<>(row.values());
    figures.putAll(latestValidation);
    figures.put("seconds_per_iteration", secondsPerIteration);
    figures.put("images_per_second", secondsPerIteration > 0 ? sampler.batchSize() / secondsPerIteration : 0);
    double eta = secondsPerIteration * (maxIter - row.iteration());
    if (request.maxSeconds() > 0) { // the time budget ends it first when the iteration target is out of its reach
      eta = Math.min(eta, Math.max(0, request.maxSeconds() - trainedSeconds));
    }
    figures.put("eta_seconds", eta);
    context.progress(row.iteration(), maxIter, "iteration " + row.iteration() + " of " + maxIter, figures);
  }

  /** Best effort: a grid that cannot be stored is logged, not worth an attempt of a long training. */
  private void drawSamples(long iteration) {
    try {
      store.putBytes(SampleGrids.key(jobId, iteration, "train"),
          SampleGridRenderer.render(trainer, trainDisplay), "image/png");
      if (testDisplay != null) {
        store.putBytes(SampleGrids.key(jobId, iteration, "test"),
            SampleGridRenderer.render(trainer, testDisplay), "image/png");
      }
    } catch (io.funit.common.storage.StorageException e) {
      LOG.warn("training {}: sample grids of iteration {} not stored: {}", jobId, iteration, e.getMessage());
    }
  }

  /** Metrics first, then the checkpoint that ends them, then old checkpoints go (the newest N stay). */
  private void checkpoint() {
    if (trainer.iteration() == lastCheckpoint) {
      return;
    }
    metrics.write(jobId, unsaved);
    unsaved.clear();
    checkpoints.save(jobId, trainer, samplerSeed);
    lastCheckpoint = trainer.iteration();
    try {
      checkpoints.prune(jobId, request.keepCheckpoints());
    } catch (io.funit.common.storage.StorageException e) {
      LOG.warn("training {}: old checkpoints not pruned: {}", jobId, e.getMessage()); // the next checkpoint retries
    }
  }
}
