package io.funit.common.funit.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.funit.common.funit.config.FunitConfig;
import io.funit.common.funit.config.LossConfig;
import io.funit.common.funit.model.FunitNetworks;
import io.funit.common.funit.weights.SafeTensors;
import io.funit.common.funit.weights.StateDictKeys;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  private static final long SEED = 42;
  @TempDir Path temp;
  private final NDManager m = NDManager.newBaseManager();

  @AfterEach
  void close() {
    m.close();
  }

  @Test
  void trainingResumedFromACheckpointEndsExactlyAsTheUninterruptedRun() throws Exception {
    FunitConfig config = TinyModels.config(LossConfig.OFFICIAL);
    Path file = temp.resolve("ckpt.safetensors");
    Map<String, float[]> uninterrupted;
    List<Float> lossesAfterResume;
    try (FunitNetworks nets = FunitNetworks.create(config, 11); FunitTrainer trainer = new FunitTrainer(nets)) {
      for (int i = 0; i < 3; i++) {
        trainer.iterate(TinyModels.batch(m, config, SEED, trainer.iteration()));
      }
      Checkpoint.save(trainer, SEED, file);
      lossesAfterResume = new java.util.ArrayList<>();
      for (int i = 0; i < 3; i++) {
        lossesAfterResume.add(trainer.iterate(TinyModels.batch(m, config, SEED, trainer.iteration())).gen().total());
      }
      uninterrupted = snapshot(nets);
    }

    Checkpoint.Restored restored = Checkpoint.load(file);
    try (FunitTrainer trainer = restored.trainer(); FunitNetworks nets = trainer.networks()) {
      assertThat(trainer.iteration()).isEqualTo(3);
      assertThat(restored.samplerSeed()).isEqualTo(SEED);
      assertThat(nets.config()).isEqualTo(config);
      for (int i = 0; i < 3; i++) {
        float loss = trainer.iterate(TinyModels.batch(m, config, restored.samplerSeed(), trainer.iteration())).gen().total();
        assertThat(loss).isEqualTo(lossesAfterResume.get(i));
      }
      Map<String, float[]> resumed = snapshot(nets);
      assertThat(resumed.keySet()).isEqualTo(uninterrupted.keySet());
      resumed.forEach((key, values) -> assertThat(values).as(key).containsExactly(uninterrupted.get(key)));
    }
  }

  @Test
  void safetensorsRoundTripKeepsNamesShapesTypesAndValues() throws Exception {
    Path file = temp.resolve("t.safetensors");
    Map<String, NDArray> tensors = new LinkedHashMap<>();
    tensors.put("a.weight", m.randomNormal(new ai.djl.ndarray.types.Shape(3, 2, 5)));
    tensors.put("labels", m.create(new long[] {7, -1, 1L << 40}));
    tensors.put("scalar", m.create(new float[] {2.5f}, new ai.djl.ndarray.types.Shape()));
    SafeTensors.write(file, tensors, Map.of("note", "hello"));
    SafeTensors.Contents back = SafeTensors.read(file, m);
    assertThat(back.metadata()).containsEntry("note", "hello");
    assertThat(back.tensors().keySet()).containsExactly("a.weight", "labels", "scalar");
    tensors.forEach((name, array) -> {
      NDArray read = back.tensors().get(name);
      assertThat(read.getShape()).isEqualTo(array.getShape());
      assertThat(read.getDataType()).isEqualTo(array.getDataType());
      assertThat(read.contentEquals(array)).as(name).isTrue();
    });
  }

  private static Map<String, float[]> snapshot(FunitNetworks nets) {
    Map<String, float[]> values = new LinkedHashMap<>();
    put(values, "gen.", StateDictKeys.of(nets.gen()));
    put(values, "gen_test.", StateDictKeys.of(nets.genTest()));
    put(values, "dis.", StateDictKeys.of(nets.dis()));
    return values;
  }

  private static void put(Map<String, float[]> values, String prefix, Map<String, Parameter> parameters) {
    parameters.forEach((k, p) -> values.put(prefix + k, p.getArray().toFloatArray()));
  }
}
