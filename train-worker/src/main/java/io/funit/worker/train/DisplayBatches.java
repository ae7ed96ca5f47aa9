package io.funit.worker.train;

import io.funit.common.dataset.DatasetClass;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.dataset.sampler.HostBatch;
import io.funit.common.dataset.sampler.KShotSampler;
import java.util.List;

/**
 * The fixed batches drawn in sample grids, so that successive grids show the same pairs: the sampler's first
 * training batch, and a held-out batch pairing test-class content with other test classes' images (spec §3.3).
 */
final class DisplayBatches {
  private DisplayBatches() {}

  /** Up to {@code columns} held-out pairs; null when the dataset holds fewer than 2 test classes. */
  static HostBatch heldOut(DatasetManifest manifest, KShotSampler images, int size, int columns, long seed) {
    List<DatasetClass> test = manifest.split(DatasetManifest.SPLIT_TEST);
    if (test.size() < 2) {
      return null;
    }
    int stride = 3 * size * size;
    float[] xa = new float[columns * stride];
    float[] xb = new float[columns * stride];
    long[] labels = new long[columns];
    for (int j = 0; j < columns; j++) {
      DatasetClass content = test.get(j % test.size());
      DatasetClass style = test.get((j + 1 + j / test.size()) % test.size());
      if (style == content) {
        style = test.get((j + 1) % test.size());
      }
      int[] contentImage = images.pick(content, 1, seed + j);
      int[] styleImage = images.pick(style, 1, seed + 1000 + j);
      System.arraycopy(images.load(content, contentImage), 0, xa, j * stride, stride);
      System.arraycopy(images.load(style, styleImage), 0, xb, j * stride, stride);
    }
    return new HostBatch(-1, columns, size, xa, labels, xb, labels);
  }
}
