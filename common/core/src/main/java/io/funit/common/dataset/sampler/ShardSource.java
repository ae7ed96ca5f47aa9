package io.funit.common.dataset.sampler;

import io.funit.common.dataset.DatasetClass;
import io.funit.common.dataset.DatasetDirectory;
import io.funit.common.dataset.StoredDatasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Where a class's shard file is read from: a local dataset directory, or the object store through a cache. */
public interface ShardSource {
  /** A local file holding the shard of {@code c}. */
  Path shard(DatasetClass c) throws IOException;

  static ShardSource local(DatasetDirectory dir) {
    return c -> dir.resolve(c.shard());
  }

  /**
   * Shards of a stored dataset, downloaded on first use into {@code cacheDir/{datasetId}/} (checksum verified,
   * renamed into place only when complete) and reused afterwards: datasets are immutable, so a cached shard is
   * never stale.
   */
  static ShardSource cached(StoredDatasets datasets, String datasetId, Path cacheDir) {
    Path root = cacheDir.resolve(datasetId);
    return c -> {
      Path file = root.resolve(c.shard());
      if (Files.isRegularFile(file)) {
        return file;
      }
      Files.createDirectories(file.getParent());
      Path partial = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".partial");
      try {
        datasets.download(datasetId, c.shard(), partial);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(partial);
      }
      return file;
    };
  }
}
