package io.funit.common.funit.weights;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.funit.model.DiscriminatorConfig;
import io.funit.common.funit.model.GeneratorConfig;
import io.funit.common.json.Json;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our DJL networks against an independent NumPy re-implementation of the spec (tools/reference), with the same
 * weights: reflect padding, AdaIN layout, K-shot averaging, in-place LeakyReLU semantics, head selection.
 */
class ReferenceCheckTest {
  @ParameterizedTest
  @ValueSource(strings = {"funit-tiny.safetensors", "funit-font64.safetensors"})
  void networksMatchTheReferenceOutputs(String fixture) throws Exception {
    Path file = Path.of("src/test/resources/reference", fixture);
    JsonNode config;
    try (var manager = ai.djl.ndarray.NDManager.newBaseManager()) {
      config = Json.MAPPER.readTree(SafeTensors.read(file, manager).metadata().get("config"));
    }
    GeneratorConfig gen = new GeneratorConfig(config.path("gen_nf").asInt(), config.path("gen_n_res_blks").asInt(),
        config.path("nf_mlp").asInt(), config.path("latent_dim").asInt(), config.path("n_mlp_blks").asInt(),
        config.path("n_downs_content").asInt(), config.path("n_downs_class").asInt());
    DiscriminatorConfig dis = new DiscriminatorConfig(config.path("dis_nf").asInt(),
        config.path("dis_n_res_blks").asInt(), config.path("num_classes").asInt(), true);

    ReferenceCheck.Result result = ReferenceCheck.run(file, gen, dis);

    assertThat(result.translation()).isLessThan(1e-4);
    assertThat(result.dis()).isLessThan(1e-4);
    assertThat(result.disFeat()).isLessThan(1e-4);
  }
}
