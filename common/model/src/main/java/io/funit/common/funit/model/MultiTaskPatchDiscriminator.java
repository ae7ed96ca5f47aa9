package io.funit.common.funit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.funit.common.funit.config.DiscriminatorConfig;
import io.funit.common.funit.config.DiscriminatorHead;

/**
 * FUNIT's multi-task patch discriminator (spec §2): a residual feature network {@code cnn_f} and one patch head per
 * training class {@code cnn_c}. Inputs: images (B,3,H,W) and labels (B) as int64. Outputs: the patch map of each
 * sample's own class head (B,h,w) and the features (B,C,h,w) used for feature matching. With the official
 * in-place semantics those features are LReLU(cnn_f(x)) (spec §2.4).
 *
 * <p>With {@link DiscriminatorHead#PROJECTION} (a documented option, not the official head) {@code cnn_c} is one
 * shared patch head and {@code embedder} holds a vector per class: a sample's map is the shared head's plus
 * ⟨embedder(y), spatial mean of the features⟩ at every patch (spec §8, imaginaire's FUNIT discriminator).
 */
public final class MultiTaskPatchDiscriminator extends FunitBlock {
  private final DiscriminatorConfig config;
  private final IndexedSequence cnnF;
  private final IndexedSequence cnnC;
  /** Null with the official multi-task head. */
  private final ClassEmbedding embedder;

  public MultiTaskPatchDiscriminator(DiscriminatorConfig config) {
    this.config = config;
    boolean inPlace = config.inPlaceActivation();
    IndexedSequence features = new IndexedSequence()
        .add(new Conv2dBlock(3, config.nf(), 7, 1, 3, Norm.NONE, Nonlinearity.NONE, Padding.REFLECT));
    int channels = config.nf();
    for (int stage = 0; stage < config.stages(); stage++) {
      int out = Math.min(channels * 2, DiscriminatorConfig.MAX_CHANNELS);
      features.add(new ActFirstResBlock(channels, channels, inPlace));
      features.add(new ActFirstResBlock(channels, out, inPlace));
      if (stage < config.stages() - 1) {
        features.add(Parameterless.reflectionPad(1));
        features.add(Parameterless.avgPool(3, 2));
      }
      channels = out;
    }
    this.cnnF = addChildBlock("cnn_f", features);
    boolean projection = config.head() == DiscriminatorHead.PROJECTION;
    this.cnnC = addChildBlock("cnn_c", new IndexedSequence().add(new Conv2dBlock(channels,
        projection ? 1 : config.numClasses(), 1, 1, 0, Norm.NONE, Nonlinearity.LRELU, Padding.ZERO, true, true)));
    this.embedder = projection ? addChildBlock("embedder", new ClassEmbedding(config.numClasses(), channels)) : null;
  }

  public DiscriminatorConfig config() {
    return config;
  }

  /**
   * The selected heads' patch maps and their directional derivative along {@code xDot}: {@code [out, outDot]},
   * both (B,h,w). Labels select the heads as in the forward pass.
   */
  public NDArray[] selectedTangent(ParameterStore store, NDArray x, NDArray xDot, NDArray labels, boolean training) {
    NDArray[] features = cnnF.tangent(store, x, xDot, training);
    NDArray[] heads = cnnC.tangent(store, features[0], features[1], training);
    if (embedder == null) {
      NDArray mask = headMask(labels, heads[0]);
      return new NDArray[] {heads[0].mul(mask).sum(new int[] {1}), heads[1].mul(mask).sum(new int[] {1})};
    }
    // the projection is linear in the (activated) features: its tangent is the projection of their tangent
    NDArray activated = activatedFeatures(features[0]);
    NDArray activatedDot = config.inPlaceActivation() ? Tangent.leakyReluTangent(features[0], features[1])
        : features[1];
    NDArray embedded = embedder.forward(store, new NDList(labels), training).singletonOrThrow();
    return new NDArray[] {projected(heads[0], embedded, activated), projected(heads[1], embedded, activatedDot)};
  }

  /** The shared head's map (B,1,h,w) plus ⟨embedding, spatial mean of the features⟩ at every patch: (B,h,w). */
  private static NDArray projected(NDArray sharedMap, NDArray embedded, NDArray features) {
    long batch = features.getShape().get(0);
    NDArray dot = Ops.spatialMean(features).reshape(embedded.getShape()).mul(embedded).sum(new int[] {1});
    return sharedMap.squeeze(1).add(dot.reshape(batch, 1, 1));
  }

  private NDArray activatedFeatures(NDArray features) {
    return config.inPlaceActivation() ? Nonlinearity.LRELU.apply(features) : features;
  }

  private NDArray headMask(NDArray labels, NDArray heads) {
    return labels.oneHot(config.numClasses()).reshape(labels.getShape().get(0), config.numClasses(), 1, 1)
        .toType(heads.getDataType(), false);
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray features = cnnF.forward(store, new NDList(inputs.get(0)), training).singletonOrThrow();
    NDArray heads = cnnC.forward(store, new NDList(features), training).singletonOrThrow();
    // only the sample's own class head: a one-hot mask, so the other heads get no gradient (spec §2.3)
    NDArray labels = inputs.get(1);
    NDArray featureOut = activatedFeatures(features);
    NDArray selected = embedder == null ? heads.mul(headMask(labels, heads)).sum(new int[] {1})
        : projected(heads, embedder.forward(store, new NDList(labels), training).singletonOrThrow(), featureOut);
    return new NDList(selected, featureOut);
  }
}
