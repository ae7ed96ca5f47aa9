package io.funit.worker.translate.batching;

import io.funit.common.config.Settings;
import java.time.Duration;

/**
 * How the batcher groups jobs.
 *
 * @param maxBatchImages FUNIT_TRANSLATE_MAX_BATCH, content images per forward pass; 1 turns batching off
 * @param maxWait FUNIT_TRANSLATE_MAX_WAIT_MS, how long the first job of a batch may wait for others
 */
public record BatchingSettings(int maxBatchImages, Duration maxWait) {
  public static BatchingSettings from(Settings settings) {
    return new BatchingSettings(settings.integer("FUNIT_TRANSLATE_MAX_BATCH", 32, 1, 1024),
        settings.millis("FUNIT_TRANSLATE_MAX_WAIT_MS", 10));
  }
}
