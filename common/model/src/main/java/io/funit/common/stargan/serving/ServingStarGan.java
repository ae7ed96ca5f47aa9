package io.funit.common.stargan.serving;

import ai.djl.ndarray.NDManager;
import io.funit.common.models.FewShotTranslator;
import io.funit.common.models.ModelCard;
import io.funit.common.models.ServingModel;
import io.funit.common.stargan.config.StarGanConfig;

/** A StarGAN model loaded for inference; its parameters live in {@code manager}, closed with it. */
public final class ServingStarGan implements ServingModel {
  private final StarGanConfig config;
  private final NDManager manager;
  private final StarGanTranslator translator;
  private final long parameterBytes;

  ServingStarGan(StarGanConfig config, NDManager manager, StarGanTranslator translator, long parameterBytes) {
    this.config = config;
    this.manager = manager;
    this.translator = translator;
    this.parameterBytes = parameterBytes;
  }

  public StarGanConfig config() {
    return config;
  }

  @Override
  public String family() {
    return ModelCard.STARGAN;
  }

  @Override
  public FewShotTranslator translator() {
    return translator;
  }

  /** Its networks' parameters and the prototypes (float32): what a model cache counts. */
  @Override
  public long parameterBytes() {
    return parameterBytes;
  }

  @Override
  public void close() {
    manager.close();
  }
}
