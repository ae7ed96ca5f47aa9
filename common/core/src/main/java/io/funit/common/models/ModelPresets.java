package io.funit.common.models;

import io.funit.common.funit.config.TrainOverrides;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * The training presets of one model family, as the gateway needs them: their names, and whether a request's overrides
 * apply to one (checked before a training is queued, as the worker would apply them). Model-free: each family
 * registers one with {@code @AutoService(ModelPresets.class)}; preset names are unique across families, so a preset
 * names its family.
 */
public interface ModelPresets {
  /** The family ({@link ModelCard#family}). */
  String family();

  List<String> names();

  /**
   * Checks that the overrides apply to the preset.
   *
   * @throws io.funit.common.contract.InvalidRequestException naming the override at fault
   */
  void check(String preset, TrainOverrides overrides);

  /** The family whose presets include this one. */
  static Optional<ModelPresets> forPreset(String preset) {
    return all().filter(family -> family.names().contains(preset)).findFirst();
  }

  /** Every family's preset names. */
  static List<String> allNames() {
    return all().flatMap(family -> family.names().stream()).toList();
  }

  private static Stream<ModelPresets> all() {
    return Registered.ALL.stream();
  }

  /** The families on the classpath, found once: the gateway asks at every training it admits. */
  final class Registered {
    private static final List<ModelPresets> ALL = ServiceLoader.load(ModelPresets.class).stream()
        .map(ServiceLoader.Provider::get).toList();

    private Registered() {}
  }
}
