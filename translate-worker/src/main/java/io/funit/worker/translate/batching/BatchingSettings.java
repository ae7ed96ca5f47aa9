package io.funit.worker.translate.batching;

import io.funit.common.config.Settings;
import java.time.Duration;

/**
 * How the batcher groups jobs.
 *
 * @param maxBatchImages FUNIT_TRANSLATE_MAX_BATCH, content images per forward pass at most; 1 turns batching off
 * @param maxWait FUNIT_TRANSLATE_MAX_WAIT_MS, how long the first job of a batch may wait for others
 * @param tuned FUNIT_TRANSLATE_BATCH_TUNING, whether the batcher caps its passes below the maximum at the size that
 *     costs least per image on this machine ({@link BatchSizeTuner}, the default), or always fills up to the maximum
 */
public record BatchingSettings(int maxBatchImages, Duration maxWait, boolean tuned) {
  /** Batches filled up to {@code maxBatchImages}, as a fixed-size setting (no tuning). */
  public BatchingSettings(int maxBatchImages, Duration maxWait) {
    this(maxBatchImages, maxWait, false);
  }

  public static BatchingSettings from(Settings settings) {
    return new BatchingSettings(settings.integer("FUNIT_TRANSLATE_MAX_BATCH", 32, 1, 1024),
        settings.millis("FUNIT_TRANSLATE_MAX_WAIT_MS", 10), settings.bool("FUNIT_TRANSLATE_BATCH_TUNING", true));
  }
}
