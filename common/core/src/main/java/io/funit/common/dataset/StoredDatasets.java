package io.funit.common.dataset;

import io.funit.common.json.Json;
import io.funit.common.storage.ObjectInfo;
import io.funit.common.storage.ObjectStore;
import io.funit.common.storage.StorageKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Datasets in the object store under {@code datasets/{id}/}. Publishing copies a finished local dataset with the
 * manifest last, so a reader that finds {@code manifest.json} finds every shard; an interrupted publish leaves
 * only unreferenced objects, which {@link #deleteIncomplete} removes.
 */
public final class StoredDatasets {
  private static final int MAX_MANIFEST_BYTES = 64 << 20;

  private final ObjectStore store;

  public StoredDatasets(ObjectStore store) {
    this.store = store;
  }

  public static String key(String datasetId, String relative) {
    return StorageKeys.dataset(datasetId, relative);
  }

  /** Uploads every file of {@code local} (shards, report, contact sheet), then the manifest. */
  public DatasetManifest publish(DatasetDirectory local, String datasetId) throws IOException {
    return publish(local, datasetId, (done, total) -> {});
  }

  /** Reports uploaded shards (done, total) to {@code progress}, which may throw to stop. */
  public DatasetManifest publish(DatasetDirectory local, String datasetId,
      java.util.function.BiConsumer<Integer, Integer> progress) throws IOException {
    DatasetManifest manifest = local.manifest()
        .orElseThrow(() -> new IOException("no manifest in " + local.root() + ": the dataset is not complete"));
    int total = manifest.classes().size();
    for (DatasetClass c : manifest.classes()) {
      store.put(key(datasetId, c.shard()), local.resolve(c.shard()), "application/zip");
      progress.accept(c.index() + 1, total);
    }
    putIfPresent(local, datasetId, DatasetDirectory.REPORT, "application/json");
    putIfPresent(local, datasetId, DatasetDirectory.CONTACT_SHEET, "image/png");
    DatasetManifest published = manifest.withId(datasetId);
    store.putBytes(key(datasetId, DatasetDirectory.MANIFEST), Json.writeBytes(published), "application/json");
    return published;
  }

  /** The manifest of a complete dataset; empty while it is being built or if there is none. */
  public Optional<DatasetManifest> manifest(String datasetId) {
    return store.readJson(key(datasetId, DatasetDirectory.MANIFEST), DatasetManifest.class, MAX_MANIFEST_BYTES);
  }

  /** Downloads one file of a dataset (a shard) into {@code target}, verifying its checksum. */
  public ObjectInfo download(String datasetId, String relative, Path target) {
    return store.download(key(datasetId, relative), target);
  }

  /** Removes the objects of a dataset that has no manifest (a failed or interrupted build). */
  public void deleteIncomplete(String datasetId) {
    if (store.stat(key(datasetId, DatasetDirectory.MANIFEST)).isPresent()) {
      return;
    }
    for (ObjectInfo object : store.list(StorageKeys.prefix("datasets", datasetId))) {
      store.delete(object.key());
    }
  }

  private void putIfPresent(DatasetDirectory local, String datasetId, String name, String contentType) {
    Path file = local.resolve(name);
    if (Files.isRegularFile(file)) {
      store.put(key(datasetId, name), file, contentType);
    }
  }
}
