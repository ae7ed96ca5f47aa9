package io.funit.common.dataset.imports;

import java.util.List;
import java.util.Map;

/**
 * What an import kept and what it skipped, file by file; stored as the dataset's {@code report.json} and, when the
 * import is refused, as the failed job's output.
 *
 * @param entries archive entries (or objects) seen
 * @param acceptedImages images kept
 * @param classes classes kept
 * @param skipped every skipped file or class with its reason
 * @param skippedByReason counts per reason kind
 */
public record ImportReport(int entries, int acceptedImages, int classes, List<Skipped> skipped,
    Map<String, Integer> skippedByReason) {

  /** One skipped file or class: its path in the upload and why. */
  public record Skipped(String path, String kind, String reason) {}
}
