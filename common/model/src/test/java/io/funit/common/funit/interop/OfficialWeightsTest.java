package io.funit.common.funit.interop;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.funit.common.funit.config.FunitConfig;
import io.funit.common.funit.config.Presets;
import io.funit.common.funit.model.FunitNetworks;
import io.funit.common.funit.weights.SafeTensors;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfficialWeightsTest {
  @TempDir Path temp;

  @Test
  void exportedWeightsLoadIntoFreshNetworksAndGiveTheSameOutputs() throws Exception {
    FunitConfig config = Presets.FONT_64.withNumClasses(4);
    Path file = temp.resolve("weights.safetensors");
    try (NDManager m = NDManager.newBaseManager(); FunitNetworks a = FunitNetworks.create(config, 1);
        FunitNetworks b = FunitNetworks.create(config, 2)) {
      OfficialWeights.export(a, true, file);
      try (NDManager check = NDManager.newBaseManager()) {
        assertThat(SafeTensors.read(file, check).tensors()).containsKeys("enc_content.model.0.conv.weight",
            "mlp.model.2.fc.bias", "cnn_c.0.conv.weight").doesNotContainKey("gen.enc_content.model.0.conv.weight");
      }
      OfficialWeights.load(b, file);
      ParameterStore store = new ParameterStore(m, false);
      NDArray content = m.randomUniform(-1, 1, new Shape(2, 3, 64, 64));
      NDArray classes = m.randomUniform(-1, 1, new Shape(2, 2, 3, 64, 64));
      NDArray outA = a.genTest().forward(store, new NDList(content, classes), false).singletonOrThrow();
      NDArray outB = b.genTest().forward(store, new NDList(content, classes), false).singletonOrThrow();
      assertThat(outA.contentEquals(outB)).isTrue();
      NDArray labels = m.create(new long[] {0, 3});
      assertThat(a.dis().forward(store, new NDList(content, labels), false).get(0)
          .contentEquals(b.dis().forward(store, new NDList(content, labels), false).get(0))).isTrue();
    }
  }
}
