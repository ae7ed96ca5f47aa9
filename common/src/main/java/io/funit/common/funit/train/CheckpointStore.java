package io.funit.common.funit.train;

import io.funit.common.storage.ObjectInfo;
import io.funit.common.storage.ObjectStore;
import io.funit.common.storage.StorageKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Training checkpoints in the object store, under {@code checkpoints/{trainJobId}/iter-NNNNNNNN.safetensors}. The
 * zero-padded iteration makes the newest checkpoint the last key in order. Files pass through a temporary file:
 * checkpoints of large models are never held whole in memory, and a download is checked against its SHA-256.
 */
public final class CheckpointStore {
  private static final String SUFFIX = ".safetensors";
  private final ObjectStore store;

  public CheckpointStore(ObjectStore store) {
    this.store = store;
  }

  public static String key(String trainJobId, long iteration) {
    return StorageKeys.checkpoint(trainJobId, String.format("iter-%08d%s", iteration, SUFFIX));
  }

  public ObjectInfo save(String trainJobId, FunitTrainer trainer, long samplerSeed) {
    Path file = null;
    try {
      file = Files.createTempFile("funit-ckpt-", SUFFIX);
      Checkpoint.save(trainer, samplerSeed, file);
      return store.put(key(trainJobId, trainer.iteration()), file, "application/octet-stream");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the checkpoint of " + trainJobId, e);
    } finally {
      deleteQuietly(file);
    }
  }

  /** Deletes all but the newest {@code keep} checkpoints of a training job. */
  public void prune(String trainJobId, int keep) {
    List<String> keys = store.list(StorageKeys.prefix("checkpoints", trainJobId)).stream()
        .map(ObjectInfo::key).filter(k -> k.endsWith(SUFFIX)).sorted(Comparator.reverseOrder()).toList();
    keys.stream().skip(Math.max(keep, 1)).forEach(store::delete);
  }

  /** Every checkpoint key of a training job, oldest first. */
  public List<String> all(String trainJobId) {
    return store.list(StorageKeys.prefix("checkpoints", trainJobId)).stream()
        .map(ObjectInfo::key).filter(k -> k.endsWith(SUFFIX)).sorted().toList();
  }

  /** The key of the newest checkpoint of a training job, if it has any. */
  public Optional<String> latest(String trainJobId) {
    return store.list(StorageKeys.prefix("checkpoints", trainJobId)).stream()
        .map(ObjectInfo::key)
        .filter(k -> k.endsWith(SUFFIX))
        .max(Comparator.naturalOrder());
  }

  public Checkpoint.Restored load(String key) {
    Path file = null;
    try {
      file = Files.createTempFile("funit-ckpt-", SUFFIX);
      store.download(key, file);
      return Checkpoint.load(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + key, e);
    } finally {
      deleteQuietly(file);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a leftover temporary file is harmless
      }
    }
  }
}
