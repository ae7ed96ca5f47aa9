package io.funit.common.models;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.nio.file.Path;

/** FUNIT's models: a generator file of {@link GeneratorWeights#FORMAT} loaded as a {@link ServingGenerator}. */
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
}
