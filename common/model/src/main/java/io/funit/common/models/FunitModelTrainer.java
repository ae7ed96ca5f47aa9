package io.funit.common.models;

import io.funit.common.funit.model.FunitNetworks;
import io.funit.common.funit.train.Checkpoint;
import io.funit.common.funit.train.FunitTrainer;
import io.funit.common.funit.train.TrainingBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A FUNIT training ({@link FunitTrainer} over its {@link FunitNetworks}) as a {@link ModelTrainer}. */
final class FunitModelTrainer implements ModelTrainer {
  private final FunitTrainer trainer;
  private final FunitNetworks nets;
  private final FunitPlan plan;

  FunitModelTrainer(FunitTrainer trainer) {
    this.trainer = trainer;
    this.nets = trainer.networks();
    this.plan = new FunitPlan(nets.config());
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
    FunitTrainer.IterationLosses losses = trainer.iterate(batch);
    Map<String, Double> v = values(losses);
    if (nets.config().loss().pairedW() > 0) { // a column of its own only where the term is trained
      v.put("loss_gen_paired", (double) losses.gen().paired());
    }
    return v;
  }

  /** The official logger's scalars, by the names the metric history and the console use. */
  static Map<String, Double> values(FunitTrainer.IterationLosses l) {
    Map<String, Double> v = new LinkedHashMap<>();
    v.put("loss_dis_total", (double) l.dis().total());
    v.put("loss_dis_fake_adv", (double) l.dis().fakeAdv());
    v.put("loss_dis_real_adv", (double) l.dis().realAdv());
    v.put("loss_dis_reg", (double) l.dis().reg());
    v.put("accuracy_dis_adv", (double) l.dis().accuracy());
    v.put("loss_gen_total", (double) l.gen().total());
    v.put("loss_gen_adv", (double) l.gen().adv());
    v.put("loss_gen_recon_x", (double) l.gen().reconX());
    v.put("loss_gen_recon_c", (double) l.gen().reconC());
    v.put("loss_gen_recon_s", (double) l.gen().reconS());
    v.put("accuracy_gen_adv", (double) l.gen().accuracy());
    return v;
  }

  @Override
  public FewShotTranslator current() {
    return new FunitTranslator(nets.gen(), plan.imageSize());
  }

  @Override
  public FewShotTranslator ema() {
    return new FunitTranslator(nets.genTest(), plan.imageSize());
  }

  @Override
  public boolean emaIsCurrent() {
    return nets.config().emaDecay(trainer.iteration()) == 0;
  }

  @Override
  public void saveCheckpoint(Path file, long samplerSeed) throws IOException {
    Checkpoint.save(trainer, samplerSeed, file);
  }

  @Override
  public void saveGenerator(Path file) throws IOException {
    GeneratorWeights.save(nets, file);
  }

  @Override
  public void close() {
    trainer.close();
    nets.close();
  }
}
