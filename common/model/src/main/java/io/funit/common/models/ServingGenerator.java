package io.funit.common.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
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

  ServingGenerator(FunitConfig config, NDManager manager, FewShotGenerator generator) {
    this.config = config;
    this.manager = manager;
    this.generator = generator;
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
  public int imageSize() {
    return config.imageSize();
  }

  @Override
  public int classCodeSize() {
    return config.gen().latentDim();
  }

  @Override
  public NDArray contentCode(ParameterStore parameters, NDArray images) {
    return generator.contentCode(parameters, images, false);
  }

  @Override
  public NDArray classCode(ParameterStore parameters, NDArray images) {
    return generator.classCode(parameters, images, false);
  }

  @Override
  public NDArray decode(ParameterStore parameters, NDArray contentCodes, NDArray classCodes) {
    return generator.decode(parameters, contentCodes, classCodes, false);
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
