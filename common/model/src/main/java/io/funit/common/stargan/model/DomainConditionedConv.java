package io.funit.common.stargan.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.funit.common.funit.model.FunitBlock;
import io.funit.common.funit.model.Ops;

/**
 * StarGAN's first layer: a zero-padded, stride-1 convolution without bias of the image concatenated with its target
 * domain vector c (B, D), every component repeated over the image as a constant channel. Inputs: images (B, 3, S, S)
 * and c; weight (out, 3 + D, k, k) as the paper's layer has it.
 *
 * <p>Computed exactly, without building the D constant channels: the domain channels' contribution is
 * Σ_d c_d · (W_d ⋆ 1), a convolution of an all-ones image whose kernel is the per-sample mix Σ_d c_d·W_d, so it
 * costs one (B·out)-channel convolution of a one-channel image instead of D input channels at every pixel. With the
 * zero padding the ones image also gives the border pixels their partial sums. With one domain per font (hundreds)
 * the paper's form would make this layer the most expensive of the network.
 */
public final class DomainConditionedConv extends FunitBlock {
  private final Parameter weight;
  private final int imageChannels;
  private final int kernel;
  private final int pad;

  public DomainConditionedConv(int imageChannels, int domains, int out, int kernel, int pad) {
    this.imageChannels = imageChannels;
    this.kernel = kernel;
    this.pad = pad;
    this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(out, imageChannels + domains, kernel, kernel)).build());
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    NDArray domains = inputs.get(1);
    NDArray w = store.getValue(weight, x.getDevice(), training);
    long out = w.getShape().get(0);
    long domainCount = w.getShape().get(1) - imageChannels;
    long batch = x.getShape().get(0);
    NDArray imagePart = Conv2d.conv2d(Ops.zeroPad(x, pad), w.get(":, :" + imageChannels), null, new Shape(1, 1),
        new Shape(0, 0), new Shape(1, 1)).singletonOrThrow();
    // (D, out·k·k): row d is the kernel domain channel d contributes to every output channel
    NDArray perDomain = w.get(":, " + imageChannels + ":").transpose(1, 0, 2, 3).reshape(domainCount,
        out * kernel * kernel);
    NDArray mixed = domains.matMul(perDomain).reshape(batch * out, 1, kernel, kernel);
    Shape s = x.getShape();
    NDArray ones = Ops.zeroPad(x.getManager().ones(new Shape(1, 1, s.get(2), s.get(3)), x.getDataType()), pad);
    NDArray domainPart = Conv2d.conv2d(ones, mixed, null, new Shape(1, 1), new Shape(0, 0), new Shape(1, 1))
        .singletonOrThrow().reshape(batch, out, imagePart.getShape().get(2), imagePart.getShape().get(3));
    return new NDList(imagePart.add(domainPart));
  }
}
