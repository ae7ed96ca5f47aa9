package io.funit.common.models;

import ai.djl.ndarray.NDManager;
import io.funit.common.funit.config.FunitConfig;
import io.funit.common.funit.model.FewShotGenerator;

/**
 * A FUNIT model loaded for inference ({@link FunitFamily}): the EMA generator; its parameters live in
 * {@code manager}, closed with it.
 */
public final class ServingGenerator implements ServingModel {
  private final FunitConfig config;
  private final NDManager manager;
  private final FewShotGenerator generator;
  private final FunitTranslator translator;

  ServingGenerator(FunitConfig config, NDManager manager, FewShotGenerator generator) {
    this.config = config;
    this.manager = manager;
    this.generator = generator;
    this.translator = new FunitTranslator(generator, config.imageSize());
  }

  public FunitConfig config() {
    return config;
  }

  public FewShotGenerator generator() {
    return generator;
  }

  @Override
  public String family() {
    return ModelCard.FUNIT;
  }

  @Override
  public FewShotTranslator translator() {
    return translator;
  }

  /** The memory its parameters take (float32), what a model cache counts. */
  @Override
  public long parameterBytes() {
    return generator.getParameters().values().stream().mapToLong(p -> p.getArray().size() * Float.BYTES).sum();
  }

  @Override
  public void close() {
    manager.close();
  }
}
