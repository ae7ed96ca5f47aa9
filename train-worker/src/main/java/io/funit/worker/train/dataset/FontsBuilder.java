package io.funit.worker.train.dataset;

import io.funit.common.dataset.DatasetDirectory;
import io.funit.common.dataset.fonts.FontBuildOptions;
import io.funit.common.dataset.fonts.FontBuildSummary;
import io.funit.common.dataset.fonts.FontDatasetBuilder;
import io.funit.common.dataset.job.DatasetRequest;
import io.funit.common.worker.JobContext;
import java.nio.file.Path;

/** Renders a font-glyph dataset from a preset's Debian font packages (downloaded once into the cache). */
final class FontsBuilder implements DatasetBuilder {
  private final Path cacheDir;

  FontsBuilder(Path cacheDir) {
    this.cacheDir = cacheDir;
  }

  @Override
  public Outcome build(DatasetRequest request, JobContext context, Path staging, DatasetDirectory out)
      throws Exception {
    FontBuildOptions options = new FontBuildOptions(request.preset(), null, request.size(), request.charset(),
        request.seed(), request.testFraction(), cacheDir, FontBuildOptions.DEFAULT_CONTACT_SHEET_ROWS);
    FontBuildSummary summary = new FontDatasetBuilder().build(options, out, context.jobId(), context::progress);
    return new Outcome(summary.skippedFonts(), summary.skippedByReason());
  }
}
