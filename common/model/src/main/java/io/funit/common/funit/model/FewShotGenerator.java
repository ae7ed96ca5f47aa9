package io.funit.common.funit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.funit.common.funit.config.GeneratorConfig;

/**
 * FUNIT's few-shot generator (spec §1): content encoder, class encoder, MLP and AdaIN decoder. Children carry the
 * official names ({@code enc_content}, {@code enc_class_model}, {@code mlp}, {@code dec}). Stateless per request:
 * a class code is a plain (B, latent) array that can be computed once and reused.
 */
public final class FewShotGenerator extends FunitBlock {
  private final GeneratorConfig config;
  private final ContentEncoder encContent;
  private final ClassEncoder encClass;
  private final Mlp mlp;
  private final AdaInDecoder dec;

  public FewShotGenerator(GeneratorConfig config) {
    this.config = config;
    this.encContent = addChildBlock("enc_content", new ContentEncoder(config));
    this.encClass = addChildBlock("enc_class_model", new ClassEncoder(config));
    this.mlp = addChildBlock("mlp", new Mlp(config));
    this.dec = addChildBlock("dec", new AdaInDecoder(config));
  }

  public GeneratorConfig config() {
    return config;
  }

  /** Content code of (B,3,H,W) images. */
  public NDArray contentCode(ParameterStore store, NDArray images, boolean training) {
    return encContent.forward(store, new NDList(images), training).singletonOrThrow();
  }

  /** Class code (B, latent) of (B,3,H,W) images, one code per image. */
  public NDArray classCode(ParameterStore store, NDArray images, boolean training) {
    return encClass.forward(store, new NDList(images), training).singletonOrThrow();
  }

  /** K-shot class code: the mean of the K images' codes, before the MLP (spec §5, G3). Input (B,K,3,H,W). */
  public NDArray kShotClassCode(ParameterStore store, NDArray classImages, boolean training) {
    Shape s = classImages.getShape();
    NDArray codes = classCode(store, classImages.reshape(s.get(0) * s.get(1), s.get(2), s.get(3), s.get(4)), training);
    return codes.reshape(s.get(0), s.get(1), config.latentDim()).mean(new int[] {1});
  }

  /** Renders content codes in the look of class codes (one class code per content code). */
  public NDArray decode(ParameterStore store, NDArray contentCode, NDArray classCode, boolean training) {
    NDArray adain = mlp.forward(store, new NDList(classCode), training).singletonOrThrow();
    return dec.forward(store, new NDList(contentCode, adain), training).singletonOrThrow();
  }

  /** Inputs: content images (B,3,H,W) and class images (B,K,3,H,W). Output: translations (B,3,H,W). */
  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray content = contentCode(store, inputs.get(0), training);
    return new NDList(decode(store, content, kShotClassCode(store, inputs.get(1), training), training));
  }
}
