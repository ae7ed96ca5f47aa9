package io.funit.common.models;

import io.funit.common.funit.train.TrainingBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * One training of a model family, as the train worker drives it: an iteration at a time, with views of its
 * generators for validation and sample grids, checkpoints and, at the end, the generator file a card registers. It
 * owns its native memory; {@link #close} frees it.
 */
public interface ModelTrainer extends AutoCloseable {
  /** A trainer and the sampler seed it was checkpointed with. */
  record Restored(ModelTrainer trainer, long samplerSeed) {}

  /** Its configuration (for a restored trainer: the checkpoint's). */
  ModelPlan plan();

  /** Iterations finished. */
  long iteration();

  /** Scales the learning rates of the next iterations (a cooldown); 1 is the plan's. */
  void setLearningRateScale(double scale);

  /** One iteration; the scalars to log by their metric names (losses, accuracies). */
  Map<String, Double> iterate(TrainingBatch batch);

  /** The generator being trained, between iterations. */
  FewShotTranslator current();

  /** The averaged generator the card registers, between iterations. */
  FewShotTranslator ema();

  /** Whether {@link #ema} is still a plain copy of {@link #current} (a warm-up): measuring both is wasted. */
  boolean emaIsCurrent();

  /** Writes a checkpoint its family's {@link ModelFamily#loadCheckpoint} restores, with the sampler's seed. */
  void saveCheckpoint(Path file, long samplerSeed) throws IOException;

  /** Writes the generator file a card registers ({@link ModelFamily#load} reads it). */
  void saveGenerator(Path file) throws IOException;

  @Override
  void close();
}
