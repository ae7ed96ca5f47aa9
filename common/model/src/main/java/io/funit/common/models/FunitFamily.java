package io.funit.common.models;

import com.google.auto.service.AutoService;
import io.funit.common.funit.config.ConfigOverrides;
import io.funit.common.funit.config.Presets;
import io.funit.common.funit.config.TrainOverrides;
import io.funit.common.funit.model.FunitNetworks;
import io.funit.common.funit.train.Checkpoint;
import io.funit.common.funit.train.FunitTrainer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * FUNIT's models: {@link Presets} with {@link ConfigOverrides}, trained by {@link FunitTrainer}, checkpointed by
 * {@link Checkpoint}, served from a generator file of {@link GeneratorWeights#FORMAT} as a {@link ServingGenerator}.
 */
@AutoService(ModelFamily.class)
public final class FunitFamily implements ModelFamily {
  @Override
  public String name() {
    return ModelCard.FUNIT;
  }

  @Override
  public ServingModel load(Path generatorFile) throws IOException {
    return GeneratorWeights.loadForServing(generatorFile);
  }

  @Override
  public ModelPlan plan(String preset, TrainOverrides overrides, int numClasses) {
    return new FunitPlan(ConfigOverrides.apply(Presets.get(preset), overrides).withNumClasses(numClasses));
  }

  @Override
  public ModelTrainer newTrainer(ModelPlan plan, long seed) {
    return new FunitModelTrainer(new FunitTrainer(FunitNetworks.create(((FunitPlan) plan).config(), seed)));
  }

  @Override
  public ModelTrainer.Restored loadCheckpoint(Path file, TrainOverrides overrides) throws IOException {
    // the overrides that made the checkpoint give it its own values again; a continuation's recipe changes apply
    Checkpoint.Restored restored = Checkpoint.load(file, config -> ConfigOverrides.apply(config, overrides));
    return new ModelTrainer.Restored(new FunitModelTrainer(restored.trainer()), restored.samplerSeed());
  }
}
