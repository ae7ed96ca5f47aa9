package io.funit.deploy.bench;

import ai.djl.ndarray.NDManager;
import io.funit.common.dataset.DatasetDirectory;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.dataset.sampler.ClassImageCache;
import io.funit.common.dataset.sampler.FunitSampler;
import io.funit.common.dataset.sampler.Preprocessing;
import io.funit.common.dataset.sampler.ShardSource;
import io.funit.common.funit.train.FunitTrainer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code bench train --dataset}: training iterations on a dataset's own batches against random ones, alternated in
 * one process, because the time of an iteration may depend on the data (a training in the stack ran slower than the
 * benchmark on random images of the same shapes).
 */
final class RealBatches {
  private static final long IMAGE_CACHE_BYTES = 256L << 20;

  private RealBatches() {}

  /** The batches a training of this dataset would draw (seed 1, augmented unless glyphs), of side {@code size}. */
  static FunitSampler sampler(Path root, int size, int batch) {
    DatasetDirectory dir = new DatasetDirectory(root);
    DatasetManifest manifest = dir.manifest().orElseThrow(() -> new IllegalArgumentException(
        "--dataset: no " + DatasetDirectory.MANIFEST + " in " + root));
    boolean glyphs = DatasetManifest.KIND_FONTS.equals(manifest.kind());
    return new FunitSampler(manifest, new ClassImageCache(ShardSource.local(dir), IMAGE_CACHE_BYTES),
        glyphs ? new Preprocessing(size, size) : Preprocessing.forSize(size),
        new FunitSampler.Options(batch, 1, !glyphs, 2));
  }

  /** {@code rounds} pairs of one random-data and one dataset iteration: the median seconds of each, and the ratio. */
  static Map<String, Double> alternated(FunitTrainer trainer, FunitSampler real, Runnable randomStep, int rounds) {
    double[] random = new double[rounds];
    double[] dataset = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      var batch = real.batchAt(i); // drawn before the clock starts: the decode is not the model's time
      long start = System.nanoTime();
      try (NDManager manager = NDManager.newBaseManager()) {
        trainer.iterate(batch.toTrainingBatch(manager));
      }
      dataset[i] = (System.nanoTime() - start) / 1e9;
      start = System.nanoTime();
      randomStep.run();
      random[i] = (System.nanoTime() - start) / 1e9;
    }
    double r = median(random);
    double d = median(dataset);
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("random_seconds_per_iteration", TrainBenchmark.round(r, 4));
    out.put("dataset_seconds_per_iteration", TrainBenchmark.round(d, 4));
    out.put("dataset_over_random", TrainBenchmark.round(d / r, 3));
    return out;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
