package io.funit.common.training;

import io.funit.common.funit.config.TrainOverrides;
import io.funit.common.models.ModelFamily;
import io.funit.common.models.ModelTrainer;
import io.funit.common.storage.ObjectInfo;
import io.funit.common.storage.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Training checkpoints of any model family ({@link ModelTrainer}) in the object store, under the keys of
 * {@link CheckpointKeys}. Files pass through a temporary file:
 * checkpoints of large models are never held whole in memory, and a download is checked against its SHA-256.
 */
public final class CheckpointStore {
  private static final String SUFFIX = CheckpointKeys.SUFFIX;
  private final ObjectStore store;

  public CheckpointStore(ObjectStore store) {
    this.store = store;
  }

  public static String key(String trainJobId, long iteration) {
    return CheckpointKeys.key(trainJobId, iteration);
  }

  public ObjectInfo save(String trainJobId, ModelTrainer trainer, long samplerSeed) {
    Path file = null;
    try {
      file = Files.createTempFile("funit-ckpt-", SUFFIX);
      trainer.saveCheckpoint(file, samplerSeed);
      return store.put(key(trainJobId, trainer.iteration()), file, "application/octet-stream");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the checkpoint of " + trainJobId, e);
    } finally {
      deleteQuietly(file);
    }
  }

  /** Deletes all but the newest {@code keep} checkpoints of a training job. */
  public void prune(String trainJobId, int keep) {
    List<String> keys = all(trainJobId);
    keys.subList(0, Math.max(0, keys.size() - Math.max(keep, 1))).forEach(store::delete);
  }

  /** Every checkpoint key of a training job, oldest first. */
  public List<String> all(String trainJobId) {
    return CheckpointKeys.all(store, trainJobId);
  }

  /** The key of the newest checkpoint of a training job, if it has any. */
  public Optional<String> latest(String trainJobId) {
    List<String> keys = all(trainJobId);
    return keys.isEmpty() ? Optional.empty() : Optional.of(keys.get(keys.size() - 1));
  }

  /** A checkpoint of {@code family}'s (a training continues with its own family's checkpoints). */
  public ModelTrainer.Restored load(String key, ModelFamily family, TrainOverrides overrides) {
    Path file = null;
    try {
      file = Files.createTempFile("funit-ckpt-", SUFFIX);
      store.download(key, file);
      return family.loadCheckpoint(file, overrides);
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
