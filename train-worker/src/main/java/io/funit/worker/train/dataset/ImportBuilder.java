package io.funit.worker.train.dataset;

import io.funit.common.dataset.DatasetDirectory;
import io.funit.common.dataset.imports.ArchiveSource;
import io.funit.common.dataset.imports.ClassFolderImporter;
import io.funit.common.dataset.imports.ImportLimits;
import io.funit.common.dataset.imports.ImportRejectedException;
import io.funit.common.dataset.imports.ImportSource;
import io.funit.common.dataset.imports.PrefixSource;
import io.funit.common.dataset.job.DatasetRequest;
import io.funit.common.json.Json;
import io.funit.common.storage.ObjectStore;
import io.funit.common.storage.StorageKeys;
import io.funit.common.worker.InvalidJobException;
import io.funit.common.worker.JobContext;
import java.nio.file.Path;

/**
 * Imports users' class folders from an uploaded archive or an S3 prefix. A refused import stores its report as
 * the job's output {@code import-report.json}, so the client sees which files were wrong, and fails the job.
 */
final class ImportBuilder implements DatasetBuilder {
  static final String REJECTED_REPORT = "import-report.json";

  private final ObjectStore store;
  private final ImportLimits limits;
  private final ClassFolderImporter importer;

  ImportBuilder(ObjectStore store, ImportLimits limits) {
    this.store = store;
    this.limits = limits;
    this.importer = new ClassFolderImporter(limits);
  }

  @Override
  public Outcome build(DatasetRequest request, JobContext context, Path staging, DatasetDirectory out)
      throws Exception {
    ImportSource source;
    if (DatasetRequest.KIND_UPLOAD.equals(request.kind())) {
      if (!request.inputKey().equals(StorageKeys.input(context.jobId(), DatasetRequest.UPLOAD_NAME))) {
        throw new InvalidJobException("input_key: an upload job reads only its own upload, "
            + StorageKeys.input(context.jobId(), DatasetRequest.UPLOAD_NAME));
      }
      if (store.stat(request.inputKey()).isEmpty()) {
        throw new InvalidJobException("input_key: no uploaded archive at '" + request.inputKey() + "'");
      }
      Path archive = staging.resolve("upload.archive");
      store.download(request.inputKey(), archive);
      source = new ArchiveSource(archive, limits.maxTotalBytes());
    } else {
      source = new PrefixSource(store, request.prefix());
    }
    String name = request.name() != null ? request.name()
        : DatasetRequest.KIND_UPLOAD.equals(request.kind()) ? "upload " + context.jobId() : request.prefix();
    try {
      ClassFolderImporter.Imported imported = importer.importInto(source, staging.resolve("files"), out,
          new ClassFolderImporter.Options(context.jobId(), name, request.seed(), request.testFraction()),
          (entries, message) -> context.progress(entries, 0, message));
      return new Outcome(imported.report().skipped().size(), imported.report().skippedByReason());
    } catch (ImportRejectedException e) {
      String reportKey = null;
      if (e.report() != null) {
        reportKey = store.putBytes(context.outputKey(REJECTED_REPORT), Json.writeBytes(e.report()),
            "application/json").key();
      }
      throw new InvalidJobException(e.getMessage() + (reportKey == null ? "" : " (file-by-file report: " + reportKey + ")"));
    }
  }
}
