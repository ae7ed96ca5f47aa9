package io.funit.common.funit.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.funit.common.funit.config.TrainOverrides;
import io.funit.common.funit.config.FunitConfig;
import io.funit.common.funit.config.LossConfig;
import io.funit.common.models.FunitPlan;
import io.funit.common.models.ModelCard;
import io.funit.common.models.ModelFamilies;
import io.funit.common.models.ModelFamily;
import io.funit.common.models.ModelTrainer;
import io.funit.common.storage.ObjectStore;
import io.funit.common.testing.Infra;
import io.funit.common.testing.InfraExtension;
import io.funit.common.training.CheckpointStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(InfraExtension.class)
class CheckpointStoreIT {
  @Test
  void newestCheckpointInTheObjectStoreRestoresTheTrainer(Infra infra) throws Exception {
    ObjectStore store = Infra.store(infra.isolatedSettings(Map.of()));
    CheckpointStore checkpoints = new CheckpointStore(store);
    String job = "train-" + UUID.randomUUID();
    FunitConfig config = TinyModels.config(LossConfig.OFFICIAL);
    assertThat(checkpoints.latest(job)).isEmpty();
    ModelFamily funit = ModelFamilies.named(ModelCard.FUNIT);
    try (NDManager m = NDManager.newBaseManager(); ModelTrainer trainer = funit.newTrainer(new FunitPlan(config), 2)) {
      trainer.iterate(TinyModels.batch(m, config, 7, 0));
      checkpoints.save(job, trainer, 7);
      trainer.iterate(TinyModels.batch(m, config, 7, 1));
      checkpoints.save(job, trainer, 7);
      String latest = checkpoints.latest(job).orElseThrow();
      assertThat(latest).isEqualTo("checkpoints/" + job + "/iter-00000002.safetensors");
      ModelTrainer.Restored restored = checkpoints.load(latest, funit, TrainOverrides.NONE);
      try (ModelTrainer back = restored.trainer()) {
        assertThat(back.iteration()).isEqualTo(2);
        assertThat(restored.samplerSeed()).isEqualTo(7);
        assertThat(back.plan()).isEqualTo(trainer.plan());
        // the EMA generator the card would register, written from both: the same bytes
        Path original = Files.createTempFile("ckpt-original-", ".safetensors");
        Path restoredFile = Files.createTempFile("ckpt-restored-", ".safetensors");
        try {
          trainer.saveGenerator(original);
          back.saveGenerator(restoredFile);
          assertThat(Files.readAllBytes(restoredFile)).isEqualTo(Files.readAllBytes(original));
        } finally {
          Files.deleteIfExists(original);
          Files.deleteIfExists(restoredFile);
        }
      }
    }
  }
}
