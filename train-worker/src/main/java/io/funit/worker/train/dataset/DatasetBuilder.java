package io.funit.worker.train.dataset;

import io.funit.common.dataset.DatasetDirectory;
import io.funit.common.dataset.job.DatasetRequest;
import io.funit.common.worker.JobContext;
import java.nio.file.Path;
import java.util.Map;

/** Builds one kind of dataset into a local directory; the handler publishes it. */
interface DatasetBuilder {
  /** What a build left out, for the summary (details are in the dataset's report). */
  record Outcome(int skipped, Map<String, Integer> skippedByReason) {}

  /**
   * Builds into {@code out} (manifest written last) using {@code staging} for scratch files.
   *
   * @throws io.funit.common.worker.InvalidJobException when the input can never make a dataset
   */
  Outcome build(DatasetRequest request, JobContext context, Path staging, DatasetDirectory out) throws Exception;
}
