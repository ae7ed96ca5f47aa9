package io.funit.common.models;

/**
 * A registered model loaded for inference by its family ({@link ModelFamily#load}); its parameters are native memory,
 * freed by {@link #close}.
 */
public interface ServingModel extends FewShotTranslator, AutoCloseable {
  /** The family that loaded it ({@link ModelCard#family}). */
  String family();

  /** The memory its parameters take, what a model cache counts. */
  long parameterBytes();

  @Override
  void close();
}
