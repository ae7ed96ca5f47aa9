package io.funit.common.stargan.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.funit.common.funit.model.ConvLayer;
import io.funit.common.funit.model.FunitBlock;
import io.funit.common.funit.model.Ops;
import io.funit.common.funit.model.Tangent;
import io.funit.common.stargan.config.StarGanDiscriminatorConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * StarGAN's PatchGAN discriminator with its auxiliary domain classifier ({@link StarGanDiscriminatorConfig}).
 * Input: images (B, 3, S, S). Outputs: the realness of every patch (B, h, w) (D_src), domain logits (B, D)
 * (D_cls), both from one trunk, and the trunk's features averaged over the map (B, C): what StarGAN-Fair-K compares
 * a new class's images with the training domains by ({@link ClassPrototypes}). {@link #realnessTangent} gives
 * D_src's directional derivative along an input direction, for the gradient penalty's parameter gradient without a
 * create-graph backward.
 */
public final class StarGanDiscriminator extends FunitBlock {
  /** The paper's LeakyReLU slope in the discriminator. */
  static final float SLOPE = 0.01f;

  private final StarGanDiscriminatorConfig config;
  private final List<ConvLayer> trunk = new ArrayList<>();
  private final ConvLayer realness;
  private final ConvLayer domains;

  public StarGanDiscriminator(StarGanDiscriminatorConfig config, int imageSize, int domainCount) {
    this.config = config;
    int channels = 3;
    for (int i = 0; i < config.layers(); i++) {
      int out = config.convDim() << i;
      trunk.add(addChildBlock("main" + i, new ConvLayer(channels, out, 4, 2, true)));
      channels = out;
    }
    this.realness = addChildBlock("src", new ConvLayer(channels, 1, 3, 1, false));
    this.domains = addChildBlock("cls", new ConvLayer(channels, domainCount, config.mapSide(imageSize), 1, false));
  }

  public StarGanDiscriminatorConfig config() {
    return config;
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray h = trunkMap(store, inputs.singletonOrThrow(), training);
    NDArray src = realness.forward(store, new NDList(Ops.zeroPad(h, 1)), training).singletonOrThrow();
    NDArray cls = domains.forward(store, new NDList(h), training).singletonOrThrow();
    return new NDList(src.squeeze(1), cls.reshape(h.getShape().get(0), -1), pooled(h));
  }

  /** The trunk's features averaged over the map (B, C) of (B, 3, S, S) images; no heads. */
  public NDArray features(ParameterStore store, NDArray images, boolean training) {
    return pooled(trunkMap(store, images, training));
  }

  /** The trunk's last map (B, C, h, w). */
  private NDArray trunkMap(ParameterStore store, NDArray images, boolean training) {
    NDArray h = images;
    for (ConvLayer conv : trunk) {
      h = Activation.leakyRelu(conv.forward(store, new NDList(Ops.zeroPad(h, 1)), training).singletonOrThrow(), SLOPE);
    }
    return h;
  }

  private static NDArray pooled(NDArray map) {
    return Ops.spatialMean(map).reshape(map.getShape().get(0), -1);
  }

  /**
   * D_src and its directional derivative along {@code xDot}: {@code [src, srcDot]}, both (B, h, w). LeakyReLU's slope
   * is taken from the primal pre-activation and held constant, as a double backward treats it.
   */
  public NDArray[] realnessTangent(ParameterStore store, NDArray x, NDArray xDot, boolean training) {
    NDArray h = x;
    NDArray hDot = xDot;
    for (ConvLayer conv : trunk) {
      NDArray[] pre = conv.tangent(store, Ops.zeroPad(h, 1), Ops.zeroPad(hDot, 1), training);
      h = Activation.leakyRelu(pre[0], SLOPE);
      hDot = Tangent.leakyReluTangent(pre[0], pre[1], SLOPE);
    }
    NDArray[] src = realness.tangent(store, Ops.zeroPad(h, 1), Ops.zeroPad(hDot, 1), training);
    return new NDArray[] {src[0].squeeze(1), src[1].squeeze(1)};
  }
}
