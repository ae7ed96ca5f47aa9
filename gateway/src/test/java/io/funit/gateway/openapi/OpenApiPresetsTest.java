package io.funit.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.dataset.fonts.FontPreset;
import io.funit.common.funit.config.Presets;
import io.funit.common.json.Json;
import io.funit.common.models.ModelPresets;
import io.funit.common.stargan.config.StarGanPresets;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The published document lists the presets the code accepts: the request validator refuses anything else. */
class OpenApiPresetsTest {
  @Test
  void datasetPresetsAreTheFontPresets() throws IOException {
    assertThat(enumAt("/components/schemas/DatasetRequest/properties/preset/enum"))
        .containsExactlyInAnyOrderElementsOf(FontPreset.names());
  }

  @Test
  void trainingPresetsAreTheModelPresetsOfEveryFamily() throws IOException {
    assertThat(enumAt("/components/schemas/TrainRequest/properties/preset/enum"))
        .containsExactlyInAnyOrderElementsOf(ModelPresets.allNames()).containsAll(Presets.names())
        .containsAll(StarGanPresets.names());
  }

  private static List<String> enumAt(String pointer) throws IOException {
    try (InputStream in = OpenApiPresetsTest.class.getResourceAsStream("/io/funit/gateway/openapi/openapi.json")) {
      JsonNode values = Json.MAPPER.readTree(in).at(pointer);
      assertThat(values.isArray()).as(pointer).isTrue();
      List<String> names = new ArrayList<>();
      values.forEach(v -> names.add(v.asText()));
      return names;
    }
  }
}
