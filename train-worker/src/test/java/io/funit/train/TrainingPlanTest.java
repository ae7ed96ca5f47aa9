package io.funit.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.contract.InvalidRequestException;
import io.funit.common.contract.TrainOverrides;
import io.funit.common.funit.config.FunitConfig;
import io.funit.common.funit.config.Presets;
import io.funit.common.json.Json;
import org.junit.jupiter.api.Test;

/** Overrides reach the configuration a training builds its networks from. */
class TrainingPlanTest {
  @Test
  void contentDownsamplingsChangeTheContentCodeAndOnlyIt() throws Exception {
    FunitConfig config = TrainingPlan.apply(Presets.FONT_32, overrides("{\"content_downsamplings\": 3}"));
    assertThat(config.gen().nDownsContent()).isEqualTo(3);
    assertThat(config.gen().contentChannels()).isEqualTo(256);
    assertThat(config.gen().nDownsClass()).isEqualTo(Presets.FONT_32.gen().nDownsClass());
    assertThat(TrainingPlan.apply(Presets.FONT_32, TrainOverrides.NONE).gen()).isEqualTo(Presets.FONT_32.gen());
  }

  @Test
  void downsamplingsTheImageCannotHalveAreRefused() throws Exception {
    // 32 px halved 6 times is half a pixel
    assertThatThrownBy(() -> TrainingPlan.apply(Presets.FONT_32, overrides("{\"content_downsamplings\": 6}")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("content_downsamplings 6");
    assertThatThrownBy(() -> overrides("{\"content_downsamplings\": 7}"))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("between 0 and 6");
  }

  private static TrainOverrides overrides(String json) throws Exception {
    JsonNode node = Json.MAPPER.readTree(json);
    return TrainOverrides.parse(node);
  }
}
