package io.funit.common.funit.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.funit.common.funit.config.DiscriminatorConfig;
import io.funit.common.funit.config.GeneratorConfig;
import io.funit.common.funit.weights.StateDictKeys;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterCountTest {
  private static final GeneratorConfig ANIMAL_GEN = new GeneratorConfig(64, 2, 256, 64, 3, 3, 4);
  private static final DiscriminatorConfig ANIMAL_DIS = new DiscriminatorConfig(64, 10, 119, true);

  @Test
  void officialAnimalGeneratorHasTheSpecsParameterCountAndKeys() {
    FewShotGenerator gen = new FewShotGenerator(ANIMAL_GEN);
    assertThat(StateDictKeys.count(gen)).isEqualTo(29_866_435L);
    Map<String, ai.djl.nn.Parameter> keys = StateDictKeys.of(gen);
    assertThat(keys).hasSize(50);
    assertThat(keys).containsKeys("enc_content.model.0.conv.weight", "enc_content.model.4.model.1.model.0.conv.bias",
        "enc_class_model.model.6.weight", "enc_class_model.model.4.conv.weight", "mlp.model.2.fc.weight",
        "dec.model.0.model.1.model.1.conv.weight", "dec.model.7.conv.bias");
    assertThat(keys.get("mlp.model.2.fc.weight").getShape().getShape()).containsExactly(4096, 256);
  }

  @Test
  void officialAnimalDiscriminatorHasTheSpecsParameterCountAndKeys() {
    MultiTaskPatchDiscriminator dis = new MultiTaskPatchDiscriminator(ANIMAL_DIS);
    assertThat(StateDictKeys.count(dis)).isEqualTo(54_252_599L);
    Map<String, ai.djl.nn.Parameter> keys = StateDictKeys.of(dis);
    assertThat(keys).hasSize(48);
    assertThat(keys).containsKeys("cnn_f.0.conv.weight", "cnn_f.2.conv_s.conv.weight", "cnn_f.18.conv_1.conv.bias",
        "cnn_c.0.conv.weight");
    assertThat(keys).doesNotContainKeys("cnn_f.2.conv_s.conv.bias", "cnn_f.1.conv_s.conv.weight");
  }
}
