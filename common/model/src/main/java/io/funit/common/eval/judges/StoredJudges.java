package io.funit.common.eval.judges;

import io.funit.common.dataset.DatasetManifest;
import io.funit.common.eval.bank.ImageBank;
import io.funit.common.eval.bank.Progress;
import io.funit.common.storage.ObjectStore;
import io.funit.common.storage.StorageKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Judges kept in the object store under {@code judges/{datasetId}/} ({@link StorageKeys#judge}): trained by the
 * first evaluation of a dataset at an image size, loaded by every later one. The eval-worker's provider.
 */
public final class StoredJudges implements JudgeProvider {
  /** Indexes are small JSON documents. */
  private static final int MAX_INDEX_BYTES = 1 << 20;

  private final CachedJudges cache;

  /** @param workDir scratch space for weight files on their way to or from the store */
  public StoredJudges(ObjectStore store, Path workDir) {
    this(store, workDir, JudgeBudget.DEFAULT);
  }

  public StoredJudges(ObjectStore store, Path workDir, JudgeBudget budget) {
    this.cache = new CachedJudges(new JudgeStorage() {
      @Override
      public Optional<byte[]> read(String datasetId, String name) {
        return store.readIfPresent(StorageKeys.judge(datasetId, name), MAX_INDEX_BYTES);
      }

      @Override
      public void download(String datasetId, String name, Path target) {
        store.download(StorageKeys.judge(datasetId, name), target);
      }

      @Override
      public void upload(String datasetId, String name, Path file) {
        store.put(StorageKeys.judge(datasetId, name), file, "application/octet-stream");
      }

      @Override
      public void write(String datasetId, String name, byte[] content) {
        store.putBytes(StorageKeys.judge(datasetId, name), content, "application/json");
      }
    }, workDir, budget);
  }

  @Override
  public Judges judges(DatasetManifest dataset, ImageBank images, Progress progress) throws IOException {
    return cache.judges(dataset, images, progress);
  }

  @Override
  public Judge sourceJudge(DatasetManifest dataset, ImageBank images, Progress progress) throws IOException {
    return cache.sourceJudge(dataset, images, progress);
  }
}
