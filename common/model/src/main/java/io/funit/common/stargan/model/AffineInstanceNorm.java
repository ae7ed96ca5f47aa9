package io.funit.common.stargan.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.funit.common.funit.model.FunitBlock;
import io.funit.common.funit.model.Ops;

/**
 * {@code InstanceNorm2d(C, affine=True)}: per sample and channel over H×W, then a learned per-channel scale (starts
 * at 1) and shift (starts at 0). Batch statistics in training and inference alike, as StarGAN's generator uses them
 * (its running statistics are never read: the authors never switch it to eval mode).
 */
public final class AffineInstanceNorm extends FunitBlock {
  private final Parameter gamma;
  private final Parameter beta;

  public AffineInstanceNorm(int channels) {
    this.gamma = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.GAMMA)
        .optShape(new Shape(channels)).build());
    this.beta = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BETA)
        .optShape(new Shape(channels)).build());
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    long batch = x.getShape().get(0);
    long channels = x.getShape().get(1);
    NDArray scale = store.getValue(gamma, x.getDevice(), training).reshape(1, channels).broadcast(batch, channels);
    NDArray shift = store.getValue(beta, x.getDevice(), training).reshape(1, channels).broadcast(batch, channels);
    return new NDList(Ops.adaIn(x, scale, shift));
  }
}
