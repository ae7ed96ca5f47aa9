package io.funit.common.stargan.config;

import com.google.auto.service.AutoService;
import io.funit.common.funit.config.TrainOverrides;
import io.funit.common.models.ModelCard;
import io.funit.common.models.ModelPresets;
import java.util.List;

/** StarGAN's presets ({@link StarGanPresets}), for the gateway's checks. */
@AutoService(ModelPresets.class)
public final class StarGanModelPresets implements ModelPresets {
  @Override
  public String family() {
    return ModelCard.STARGAN;
  }

  @Override
  public List<String> names() {
    return StarGanPresets.names();
  }

  @Override
  public void check(String preset, TrainOverrides overrides) {
    StarGanOverrides.apply(StarGanPresets.get(preset), overrides);
  }
}
