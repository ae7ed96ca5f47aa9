package io.funit.common.models;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import io.funit.common.funit.model.FewShotGenerator;

/**
 * A FUNIT generator as a {@link FewShotTranslator}: a view, with no memory of its own (a serving model's EMA
 * generator, or a training's current or EMA generator between iterations).
 */
public final class FunitTranslator implements FewShotTranslator {
  private final FewShotGenerator generator;
  private final int imageSize;

  public FunitTranslator(FewShotGenerator generator, int imageSize) {
    this.generator = generator;
    this.imageSize = imageSize;
  }

  @Override
  public int imageSize() {
    return imageSize;
  }

  @Override
  public int classCodeSize() {
    return generator.config().latentDim();
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
}
