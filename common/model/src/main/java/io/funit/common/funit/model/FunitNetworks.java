package io.funit.common.funit.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.XavierInitializer;
import io.funit.common.funit.config.FunitConfig;
import io.funit.common.funit.weights.StateDictKeys;
import java.util.Map;

/**
 * The three networks of a FUNIT model, as the official FUNITModel holds them: the generator being trained
 * ({@code gen}), its exponential moving average used for inference ({@code gen_test}, spec G4) and the
 * discriminator ({@code dis}). All parameters live in one manager, closed with this object.
 */
public final class FunitNetworks implements AutoCloseable {
  private final FunitConfig config;
  private final NDManager manager;
  private final FewShotGenerator gen;
  private final FewShotGenerator genTest;
  private final MultiTaskPatchDiscriminator dis;

  private FunitNetworks(FunitConfig config, NDManager manager, FewShotGenerator gen, FewShotGenerator genTest,
      MultiTaskPatchDiscriminator dis) {
    this.config = config;
    this.manager = manager;
    this.gen = gen;
    this.genTest = genTest;
    this.dis = dis;
  }

  /**
   * New networks with the official initialization (spec §4, G12): kaiming-normal fan-in weights, zero biases, and
   * the EMA generator an exact copy of the generator after init.
   */
  public static FunitNetworks create(FunitConfig config, long seed) {
    Engine.getInstance().setRandomSeed((int) seed);
    NDManager manager = NDManager.newBaseManager();
    Shape image = new Shape(1, 3, config.imageSize(), config.imageSize());
    FewShotGenerator gen = init(new FewShotGenerator(config.gen()), manager, image);
    FewShotGenerator genTest = init(new FewShotGenerator(config.gen()), manager, image);
    MultiTaskPatchDiscriminator dis = init(new MultiTaskPatchDiscriminator(config.dis()), manager, image);
    copy(gen, genTest);
    return new FunitNetworks(config, manager, gen, genTest, dis);
  }

  /** One initialized generator in {@code manager}, for serving: no second generator, no discriminator. */
  public static FewShotGenerator newGenerator(FunitConfig config, NDManager manager) {
    return init(new FewShotGenerator(config.gen()), manager, new Shape(1, 3, config.imageSize(), config.imageSize()));
  }

  private static <B extends Block> B init(B block, NDManager manager, Shape input) {
    // std √(2/fan_in): XavierInitializer with magnitude 2 over fan-in is kaiming_normal_(a=0, mode='fan_in')
    block.setInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
        XavierInitializer.FactorType.IN, 2), Parameter.Type.WEIGHT);
    block.initialize(manager, DataType.FLOAT32, input);
    return block;
  }

  /** Copies every parameter value of {@code from} into {@code to} (same architecture). */
  public static void copy(Block from, Block to) {
    Map<String, Parameter> target = StateDictKeys.of(to);
    StateDictKeys.of(from).forEach((key, parameter) -> {
      NDArray destination = target.get(key).getArray();
      destination.set(parameter.getArray().toByteBuffer());
    });
  }

  public FunitConfig config() {
    return config;
  }

  public NDManager manager() {
    return manager;
  }

  public FewShotGenerator gen() {
    return gen;
  }

  public FewShotGenerator genTest() {
    return genTest;
  }

  public MultiTaskPatchDiscriminator dis() {
    return dis;
  }

  @Override
  public void close() {
    manager.close();
  }
}
