package io.funit.common.dataset.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.funit.common.dataset.DatasetDirectory;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.dataset.StoredDatasets;
import io.funit.common.funit.train.TrainingBatch;
import io.funit.common.storage.ObjectStore;
import io.funit.common.testing.Infra;
import io.funit.common.testing.InfraExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A published dataset streams from the real S3 server through the local shard cache into training batches. */
@ExtendWith(InfraExtension.class)
class StoredDatasetSamplingIT {
  @TempDir
  Path tmp;

  @Test
  void samplingFromTheStoreGivesTheSameBatchesAsTheLocalCopyAndDownloadsEachShardOnce(Infra infra) throws Exception {
    ObjectStore store = Infra.store(infra.isolatedSettings(Map.of()));
    StoredDatasets datasets = new StoredDatasets(store);
    DatasetDirectory local = SamplerTestData.write(tmp.resolve("local"), 5, 4, 20, 20);
    String id = "ds-" + UUID.randomUUID();
    DatasetManifest published = datasets.publish(local, id);
    assertThat(datasets.manifest(id)).contains(published);

    Path cache = tmp.resolve("cache");
    FunitSampler.Options options = new FunitSampler.Options(4, 9, true, 2);
    FunitSampler fromStore = new FunitSampler(published,
        new ClassImageCache(ShardSource.cached(datasets, id, cache), 2_000), new Preprocessing(16, 18), options);
    FunitSampler fromDisk = new FunitSampler(local.manifest().orElseThrow(),
        new ClassImageCache(ShardSource.local(local), 1 << 20), new Preprocessing(16, 18), options);
    try (NDManager manager = NDManager.newBaseManager()) {
      fromStore.start(0);
      for (long i = 0; i < 6; i++) {
        HostBatch batch = fromStore.next();
        assertThat(batch.xa()).containsExactly(fromDisk.batchAt(i).xa());
        TrainingBatch nd = batch.toTrainingBatch(manager);
        assertThat(nd.xa().getShape().getShape()).containsExactly(4, 3, 16, 16);
        assertThat(nd.lb().toLongArray()).containsExactly(batch.lb());
      }
      fromStore.close();
    }
    try (Stream<Path> files = Files.walk(cache)) {
      assertThat(files.filter(f -> f.toString().endsWith(".zip")).count()).isEqualTo(4); // 4 training classes
    }
    try (Stream<Path> files = Files.walk(cache)) {
      assertThat(files.filter(f -> f.toString().endsWith(".partial")).count()).isZero();
    }
  }

  @Test
  void anIncompleteDatasetIsRemovedButAPublishedOneIsNeverTouched(Infra infra) throws Exception {
    ObjectStore store = Infra.store(infra.isolatedSettings(Map.of()));
    StoredDatasets datasets = new StoredDatasets(store);
    String partial = "ds-" + UUID.randomUUID();
    store.putBytes(StoredDatasets.key(partial, "classes/00000.zip"), new byte[] {1, 2}, "application/zip");
    datasets.deleteIncomplete(partial);
    assertThat(store.list("datasets/" + partial + "/")).isEmpty();

    String complete = "ds-" + UUID.randomUUID();
    datasets.publish(SamplerTestData.write(tmp.resolve("c"), 2, 2, 16, 16), complete);
    datasets.deleteIncomplete(complete);
    assertThat(store.list("datasets/" + complete + "/")).hasSize(3); // 2 shards and the manifest
  }
}
