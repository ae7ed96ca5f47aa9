package io.funit.common.stargan.config;

/**
 * One StarGAN training's configuration.
 *
 * @param preset the preset it came from
 * @param imageSize side of the square images
 * @param batchSize images per iteration (16 in the paper)
 * @param domains the domains the generator is conditioned on (the training classes)
 * @param criticSteps discriminator updates per generator update (5 in the paper)
 * @param maxIter the iteration the training ends at
 */
public record StarGanConfig(String preset, int imageSize, int batchSize, int domains, StarGanGeneratorConfig gen,
    StarGanDiscriminatorConfig dis, AdamConfig genOpt, AdamConfig disOpt, StarGanLossConfig loss, int criticSteps,
    long maxIter) {
  public StarGanConfig {
    if (imageSize < 1 || batchSize < 1 || domains < 1 || criticSteps < 1 || maxIter < 1) {
      throw new IllegalArgumentException("stargan: image size, batch size, domains, critic steps and iterations must "
          + "be positive");
    }
    dis.mapSide(imageSize);
    if (imageSize % (1 << gen.downsamplings()) != 0) {
      throw new IllegalArgumentException("stargan: " + gen.downsamplings() + " downsamplings need an image side "
          + "divisible by " + (1 << gen.downsamplings()) + ", got " + imageSize);
    }
  }

  public StarGanConfig withDomains(int count) {
    return new StarGanConfig(preset, imageSize, batchSize, count, gen, dis, genOpt, disOpt, loss, criticSteps, maxIter);
  }
}
