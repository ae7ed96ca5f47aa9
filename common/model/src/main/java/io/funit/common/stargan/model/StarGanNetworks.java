package io.funit.common.stargan.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.XavierInitializer;
import io.funit.common.stargan.config.StarGanConfig;

/**
 * A StarGAN training's two networks and its domains' mean features ({@link ClassPrototypes}), all in one manager
 * closed with this object.
 */
public final class StarGanNetworks implements AutoCloseable {
  private final StarGanConfig config;
  private final NDManager manager;
  private final StarGanGenerator gen;
  private final StarGanDiscriminator dis;
  private final ClassPrototypes prototypes;

  private StarGanNetworks(StarGanConfig config, NDManager manager, StarGanGenerator gen, StarGanDiscriminator dis) {
    this.config = config;
    this.manager = manager;
    this.gen = gen;
    this.dis = dis;
    this.prototypes = new ClassPrototypes(manager, config.domains(), config.dis().featureChannels());
  }

  /**
   * New networks initialized as PyTorch initializes the authors' layers: weights uniform in ±1/√fan_in (kaiming
   * uniform with a = √5), norm scales 1. Biases start at 0 (PyTorch draws them from the same range).
   */
  public static StarGanNetworks create(StarGanConfig config, long seed) {
    Engine.getInstance().setRandomSeed((int) seed);
    NDManager manager = NDManager.newBaseManager();
    Shape image = new Shape(1, 3, config.imageSize(), config.imageSize());
    StarGanGenerator gen = init(new StarGanGenerator(config.gen(), config.domains()), manager, image,
        new Shape(1, config.domains()));
    StarGanDiscriminator dis = init(new StarGanDiscriminator(config.dis(), config.imageSize(), config.domains()),
        manager, image);
    return new StarGanNetworks(config, manager, gen, dis);
  }

  /** One initialized generator in {@code manager}, for serving. */
  public static StarGanGenerator newGenerator(StarGanConfig config, NDManager manager) {
    return init(new StarGanGenerator(config.gen(), config.domains()), manager,
        new Shape(1, 3, config.imageSize(), config.imageSize()), new Shape(1, config.domains()));
  }

  /** One initialized discriminator in {@code manager}, for serving its trunk's features. */
  public static StarGanDiscriminator newDiscriminator(StarGanConfig config, NDManager manager) {
    return init(new StarGanDiscriminator(config.dis(), config.imageSize(), config.domains()), manager,
        new Shape(1, 3, config.imageSize(), config.imageSize()));
  }

  private static <B extends Block> B init(B block, NDManager manager, Shape... inputs) {
    block.setInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN,
        1), Parameter.Type.WEIGHT);
    block.initialize(manager, DataType.FLOAT32, inputs);
    return block;
  }

  public StarGanConfig config() {
    return config;
  }

  public NDManager manager() {
    return manager;
  }

  public StarGanGenerator gen() {
    return gen;
  }

  public StarGanDiscriminator dis() {
    return dis;
  }

  public ClassPrototypes prototypes() {
    return prototypes;
  }

  @Override
  public void close() {
    manager.close();
  }
}
