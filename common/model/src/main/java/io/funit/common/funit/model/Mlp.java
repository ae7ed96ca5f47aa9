package io.funit.common.funit.model;

import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.funit.common.funit.config.GeneratorConfig;

/** Class code (B, latent) → AdaIN parameters (B, n) (spec §1.4); the last layer has no activation. */
public final class Mlp extends FunitBlock {
  private final IndexedSequence model;

  public Mlp(GeneratorConfig config) {
    IndexedSequence layers = new IndexedSequence().add(new LinearBlock(config.latentDim(), config.nfMlp(), Nonlinearity.RELU));
    for (int i = 0; i < config.nMlpBlks() - 2; i++) {
      layers.add(new LinearBlock(config.nfMlp(), config.nfMlp(), Nonlinearity.RELU));
    }
    layers.add(new LinearBlock(config.nfMlp(), config.adainParams(), Nonlinearity.NONE));
    this.model = addChildBlock("model", layers);
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    return model.forward(store, inputs, training);
  }
}
