package io.funit.common.dataset.job;

import io.funit.common.contract.DatasetRequest;
import io.funit.common.dataset.DatasetDirectory;
import io.funit.common.worker.JobContext;
import java.nio.file.Path;

/** Renders a font-glyph dataset from a preset's Debian font packages (cached between jobs). */
final class FontsBuilder implements DatasetBuilder {
  private final Path cacheDir;

  FontsBuilder(Path cacheDir) {
    this.cacheDir = cacheDir;
  }

  @Override
  public Outcome build(DatasetRequest request, JobContext context, Path staging, DatasetDirectory out)
      throws Exception {
    throw new UnsupportedOperationException("font datasets: wired in once the font builder lands");
  }
}
