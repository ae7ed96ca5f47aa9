package io.funit.common.training;

import io.funit.common.storage.ObjectInfo;
import io.funit.common.storage.ObjectStore;
import io.funit.common.storage.StorageKeys;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a training's checkpoints are: {@code checkpoints/{trainJobId}/iter-NNNNNNNN.safetensors}. The zero-padded
 * iteration makes the newest checkpoint the last key in order. Free of the model code, so the gateway can read them
 * too; {@code CheckpointStore} writes and loads the files.
 */
public final class CheckpointKeys {
  public static final String SUFFIX = ".safetensors";
  private static final Pattern NAME = Pattern.compile("/iter-(\\d{8})\\" + SUFFIX + "$");

  private CheckpointKeys() {}

  public static String key(String trainJobId, long iteration) {
    return StorageKeys.checkpoint(trainJobId, String.format("iter-%08d%s", iteration, SUFFIX));
  }

  /** Every checkpoint key of a training job, oldest first. */
  public static List<String> all(ObjectStore store, String trainJobId) {
    return store.list(StorageKeys.prefix("checkpoints", trainJobId)).stream()
        .map(ObjectInfo::key).filter(k -> k.endsWith(SUFFIX)).sorted().toList();
  }

  /** The iteration of the newest checkpoint of a training job, if it has any. */
  public static OptionalLong latestIteration(ObjectStore store, String trainJobId) {
    List<String> keys = all(store, trainJobId);
    for (int i = keys.size() - 1; i >= 0; i--) {
      Matcher name = NAME.matcher(keys.get(i));
      if (name.find()) {
        return OptionalLong.of(Long.parseLong(name.group(1)));
      }
    }
    return OptionalLong.empty();
  }
}
