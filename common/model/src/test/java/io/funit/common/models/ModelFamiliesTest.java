package io.funit.common.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.funit.common.funit.config.Presets;
import io.funit.common.funit.model.FunitNetworks;
import io.funit.common.funit.train.NoGrad;
import io.funit.common.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelFamiliesTest {
  @Test
  void familiesAreFoundByTheNameCardsCarryAndACardWithoutOneIsFunits() throws Exception {
    assertThat(ModelFamilies.named(ModelCard.FUNIT)).isInstanceOf(FunitFamily.class);
    assertThat(ModelFamilies.named(ModelCard.STARGAN)).isInstanceOf(io.funit.common.stargan.StarGanFamily.class);
    assertThatThrownBy(() -> ModelFamilies.named("cyclegan")).hasMessageContaining("cyclegan")
        .hasMessageContaining("funit").hasMessageContaining("stargan");
    assertThat(ModelPresets.forPreset("stargan-32").map(ModelPresets::family)).contains(ModelCard.STARGAN);
    ModelCard old = Json.MAPPER.readValue("{\"id\": \"m\", \"image_size\": 32}", ModelCard.class);
    assertThat(old.family()).isEqualTo(ModelCard.FUNIT);
    assertThat(ModelPresets.forPreset("font-32").map(ModelPresets::family)).contains(ModelCard.FUNIT);
    assertThat(ModelPresets.forPreset("no-such-preset")).isEmpty();
  }

  /** Through the family-neutral translator, a FUNIT model translates as its generator's forward pass does (K = 1). */
  @Test
  void aLoadedFunitModelTranslatesAsItsGenerator() throws Exception {
    Path file = Files.createTempFile("family-", ".safetensors");
    try (FunitNetworks nets = FunitNetworks.create(Presets.FONT_32, 7)) {
      GeneratorWeights.save(nets, file);
    }
    int size = Presets.FONT_32.imageSize();
    try (ServingModel model = ModelFamilies.named(ModelCard.FUNIT).load(file); NoGrad noGrad = new NoGrad();
        NDManager manager = NDManager.newBaseManager()) {
      assertThat(model.family()).isEqualTo(ModelCard.FUNIT);
      FewShotTranslator translator = model.translator();
      assertThat(translator.imageSize()).isEqualTo(size);
      assertThat(translator.classCodeSize()).isEqualTo(Presets.FONT_32.gen().latentDim());
      ParameterStore parameters = new ParameterStore(manager, false);
      NDArray content = manager.randomUniform(-1, 1, new Shape(2, 3, size, size));
      NDArray classImages = manager.randomUniform(-1, 1, new Shape(2, 3, size, size));
      NDArray viaTranslator = translator.decode(parameters, translator.contentCode(parameters, content),
          translator.classCode(parameters, classImages));
      NDArray viaForward = ((ServingGenerator) model).generator().forward(parameters,
          new NDList(content, classImages.reshape(2, 1, 3, size, size)), false).singletonOrThrow();
      assertThat(viaTranslator.getShape()).isEqualTo(new Shape(2, 3, size, size));
      assertThat(viaTranslator.sub(viaForward).abs().max().getFloat()).isLessThan(1e-5f);
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
