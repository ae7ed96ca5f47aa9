package io.funit.common.stargan.serving;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import io.funit.common.models.FewShotTranslator;
import io.funit.common.stargan.model.ClassPrototypes;
import io.funit.common.stargan.model.StarGanDiscriminator;
import io.funit.common.stargan.model.StarGanGenerator;

/**
 * StarGAN as a {@link FewShotTranslator}, the way the FUNIT paper runs its StarGAN baselines on classes given by K
 * images: a content code is the content image itself (StarGAN has no encoder of its own), a class code is an image's
 * discriminator-trunk feature (K codes average to the K-shot mean feature, as FUNIT's do), and decoding turns the
 * mean feature into a domain vector ({@link ClassPrototypes#domainVectors}) and translates the image into it. A view
 * over networks owned elsewhere.
 */
public final class StarGanTranslator implements FewShotTranslator {
  private final StarGanGenerator generator;
  private final StarGanDiscriminator features;
  private final ClassPrototypes prototypes;
  private final int imageSize;
  private final boolean nearest;

  /**
   * @param nearest condition on the nearest domain's one-hot (StarGAN-Unfair-K) rather than the softmax over all
   *     domains (StarGAN-Fair-K)
   */
  public StarGanTranslator(StarGanGenerator generator, StarGanDiscriminator features, ClassPrototypes prototypes,
      int imageSize, boolean nearest) {
    this.generator = generator;
    this.features = features;
    this.prototypes = prototypes;
    this.imageSize = imageSize;
    this.nearest = nearest;
  }

  @Override
  public int imageSize() {
    return imageSize;
  }

  @Override
  public int classCodeSize() {
    return features.config().featureChannels();
  }

  @Override
  public NDArray contentCode(ParameterStore parameters, NDArray images) {
    return images;
  }

  @Override
  public NDArray classCode(ParameterStore parameters, NDArray images) {
    return features.features(parameters, images, false);
  }

  @Override
  public NDArray decode(ParameterStore parameters, NDArray contentCodes, NDArray classCodes) {
    return generator.translate(parameters, contentCodes, prototypes.domainVectors(classCodes, nearest), false);
  }
}
