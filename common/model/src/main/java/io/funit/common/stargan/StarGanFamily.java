package io.funit.common.stargan;

import com.google.auto.service.AutoService;
import io.funit.common.funit.config.TrainOverrides;
import io.funit.common.models.ModelCard;
import io.funit.common.models.ModelFamily;
import io.funit.common.models.ModelPlan;
import io.funit.common.models.ModelTrainer;
import io.funit.common.models.ServingModel;
import io.funit.common.stargan.config.StarGanOverrides;
import io.funit.common.stargan.config.StarGanPresets;
import io.funit.common.stargan.model.StarGanNetworks;
import io.funit.common.stargan.serving.StarGanModelFile;
import io.funit.common.stargan.train.StarGanCheckpoint;
import io.funit.common.stargan.train.StarGanModelTrainer;
import io.funit.common.stargan.train.StarGanTrainer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * StarGAN's models, the FUNIT paper's baselines: {@link StarGanPresets}, trained by {@link StarGanTrainer},
 * checkpointed by {@link StarGanCheckpoint}, served from a {@link StarGanModelFile}.
 */
@AutoService(ModelFamily.class)
public final class StarGanFamily implements ModelFamily {
  @Override
  public String name() {
    return ModelCard.STARGAN;
  }

  @Override
  public ServingModel load(Path generatorFile) throws IOException {
    return StarGanModelFile.load(generatorFile);
  }

  @Override
  public ModelPlan plan(String preset, TrainOverrides overrides, int numClasses) {
    return new StarGanPlan(StarGanOverrides.apply(StarGanPresets.get(preset), overrides).withDomains(numClasses));
  }

  @Override
  public ModelTrainer newTrainer(ModelPlan plan, long seed) {
    return new StarGanModelTrainer(new StarGanTrainer(StarGanNetworks.create(((StarGanPlan) plan).config(), seed),
        seed));
  }

  @Override
  public ModelTrainer.Restored loadCheckpoint(Path file, TrainOverrides overrides) throws IOException {
    StarGanCheckpoint.Restored restored = StarGanCheckpoint.load(file,
        config -> StarGanOverrides.apply(config, overrides));
    return new ModelTrainer.Restored(new StarGanModelTrainer(restored.trainer()), restored.samplerSeed());
  }
}
