package io.funit.common.models;

/**
 * A registered model loaded for inference by its family ({@link ModelFamily#load}): its translator, and the native
 * memory its parameters take, freed by {@link #close}.
 */
public interface ServingModel extends AutoCloseable {
  /** The family that loaded it ({@link ModelCard#family}). */
  String family();

  /** What translates with it; valid until {@link #close}. */
  FewShotTranslator translator();

  /** The memory its parameters take, what a model cache counts. */
  long parameterBytes();

  @Override
  void close();
}
