package io.funit.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
  @Test
  void defaultsPointAtTheEmbeddedStack() {
    Settings none = Settings.of(Map.of());
    assertThat(KafkaSettings.from(none).bootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(S3Settings.from(none).endpoint()).isEqualTo("http://127.0.0.1:9000");
    assertThat(S3Settings.from(none).bucket()).isEqualTo("funit");
  }

  @Test
  void badValuesNameTheVariable() {
    assertThatThrownBy(() -> KafkaSettings.from(Settings.of(Map.of("FUNIT_KAFKA_REPLICATION", "zero"))))
        .hasMessageContaining("FUNIT_KAFKA_REPLICATION");
    assertThatThrownBy(() -> S3Settings.from(Settings.of(Map.of("FUNIT_S3_BUCKET", "Bad_Bucket"))))
        .hasMessageContaining("FUNIT_S3_BUCKET");
    assertThatThrownBy(() -> S3Settings.from(Settings.of(Map.of("FUNIT_S3_ENDPOINT", "127.0.0.1:9000"))))
        .hasMessageContaining("FUNIT_S3_ENDPOINT");
  }

  @Test
  void overridesReplaceValues() {
    Settings settings = Settings.of(Map.of("A", "1")).with(Map.of("A", "2", "B", " "));
    assertThat(settings.get("A")).contains("2");
    assertThat(settings.get("B")).isEmpty();
  }
}
