package io.funit.common.models;

import ai.djl.ndarray.NDManager;
import io.funit.common.funit.config.FunitConfig;
import io.funit.common.funit.model.FewShotGenerator;

/** A registered model's generator loaded for inference; its parameters live in {@code manager}, closed with it. */
public final class ServingGenerator implements AutoCloseable {
  private final FunitConfig config;
  private final NDManager manager;
  private final FewShotGenerator generator;

  ServingGenerator(FunitConfig config, NDManager manager, FewShotGenerator generator) {
    this.config = config;
    this.manager = manager;
    this.generator = generator;
  }

  public FunitConfig config() {
    return config;
  }

  public FewShotGenerator generator() {
    return generator;
  }

  /** The memory its parameters take (float32), what a model cache counts. */
  public long parameterBytes() {
    return generator.getParameters().values().stream().mapToLong(p -> p.getArray().size() * Float.BYTES).sum();
  }

  @Override
  public void close() {
    manager.close();
  }
}
