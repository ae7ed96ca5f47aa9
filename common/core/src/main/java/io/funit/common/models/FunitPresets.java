package io.funit.common.models;

import com.google.auto.service.AutoService;
import io.funit.common.funit.config.ConfigOverrides;
import io.funit.common.funit.config.Presets;
import io.funit.common.funit.config.TrainOverrides;
import java.util.List;

/** FUNIT's presets ({@link Presets}), for the gateway's checks. */
@AutoService(ModelPresets.class)
public final class FunitPresets implements ModelPresets {
  @Override
  public String family() {
    return ModelCard.FUNIT;
  }

  @Override
  public List<String> names() {
    return Presets.names();
  }

  @Override
  public void check(String preset, TrainOverrides overrides) {
    ConfigOverrides.apply(Presets.get(preset), overrides);
  }
}
