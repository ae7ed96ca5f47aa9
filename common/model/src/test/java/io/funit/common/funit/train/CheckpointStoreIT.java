package io.funit.common.funit.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.funit.common.funit.config.FunitConfig;
import io.funit.common.funit.config.LossConfig;
import io.funit.common.funit.model.FunitNetworks;
import io.funit.common.funit.weights.StateDictKeys;
import io.funit.common.storage.ObjectStore;
import io.funit.common.testing.Infra;
import io.funit.common.testing.InfraExtension;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(InfraExtension.class)
class CheckpointStoreIT {
  @Test
  void newestCheckpointInTheObjectStoreRestoresTheTrainer(Infra infra) {
    ObjectStore store = Infra.store(infra.isolatedSettings(Map.of()));
    CheckpointStore checkpoints = new CheckpointStore(store);
    String job = "train-" + UUID.randomUUID();
    FunitConfig config = TinyModels.config(LossConfig.OFFICIAL);
    assertThat(checkpoints.latest(job)).isEmpty();
    try (NDManager m = NDManager.newBaseManager(); FunitNetworks nets = FunitNetworks.create(config, 2);
        FunitTrainer trainer = new FunitTrainer(nets)) {
      trainer.iterate(TinyModels.batch(m, config, 7, 0));
      checkpoints.save(job, trainer, 7);
      trainer.iterate(TinyModels.batch(m, config, 7, 1));
      checkpoints.save(job, trainer, 7);
      String latest = checkpoints.latest(job).orElseThrow();
      assertThat(latest).isEqualTo("checkpoints/" + job + "/iter-00000002.safetensors");
      Checkpoint.Restored restored = checkpoints.load(latest);
      try (FunitTrainer back = restored.trainer(); FunitNetworks backNets = back.networks()) {
        assertThat(back.iteration()).isEqualTo(2);
        StateDictKeys.of(nets.genTest()).forEach((key, p) -> assertThat(
            StateDictKeys.of(backNets.genTest()).get(key).getArray().contentEquals(p.getArray())).as(key).isTrue());
      }
    }
  }
}
