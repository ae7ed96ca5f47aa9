package io.funit.common.dataset.imports;

/** The whole import is refused (not an archive, too many entries, expands too far, too few usable classes). */
public final class ImportRejectedException extends Exception {
  private final transient ImportReport report;

  public ImportRejectedException(String message, ImportReport report) {
    super(message);
    this.report = report;
  }

  /** What had been checked before the import was refused; null when it was refused before reading any entry. */
  public ImportReport report() {
    return report;
  }
}
