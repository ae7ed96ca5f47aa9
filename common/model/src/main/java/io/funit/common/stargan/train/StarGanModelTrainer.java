package io.funit.common.stargan.train;

import io.funit.common.funit.train.TrainingBatch;
import io.funit.common.models.FewShotTranslator;
import io.funit.common.models.ModelPlan;
import io.funit.common.models.ModelTrainer;
import io.funit.common.stargan.StarGanPlan;
import io.funit.common.stargan.model.StarGanNetworks;
import io.funit.common.stargan.serving.StarGanModelFile;
import io.funit.common.stargan.serving.StarGanTranslator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A StarGAN training as a {@link ModelTrainer}. StarGAN keeps no averaged generator: the one being trained is the
 * one registered, and validations and sample grids see it through StarGAN-Fair-K's conditioning.
 */
public final class StarGanModelTrainer implements ModelTrainer {
  private final StarGanTrainer trainer;
  private final StarGanNetworks nets;
  private final StarGanPlan plan;

  public StarGanModelTrainer(StarGanTrainer trainer) {
    this.trainer = trainer;
    this.nets = trainer.networks();
    this.plan = new StarGanPlan(nets.config());
  }

  @Override
  public ModelPlan plan() {
    return plan;
  }

  @Override
  public long iteration() {
    return trainer.iteration();
  }

  @Override
  public void setLearningRateScale(double scale) {
    trainer.setLearningRateScale(scale);
  }

  @Override
  public Map<String, Double> iterate(TrainingBatch batch) {
    return trainer.iterate(batch);
  }

  @Override
  public FewShotTranslator current() {
    return new StarGanTranslator(nets.gen(), nets.dis(), nets.prototypes(), plan.imageSize(), false);
  }

  @Override
  public FewShotTranslator ema() {
    return current();
  }

  @Override
  public boolean emaIsCurrent() {
    return true;
  }

  @Override
  public void saveCheckpoint(Path file, long samplerSeed) throws IOException {
    StarGanCheckpoint.save(trainer, samplerSeed, file);
  }

  @Override
  public void saveGenerator(Path file) throws IOException {
    StarGanModelFile.save(nets, false, file);
  }

  @Override
  public void close() {
    trainer.close();
    nets.close();
  }
}
