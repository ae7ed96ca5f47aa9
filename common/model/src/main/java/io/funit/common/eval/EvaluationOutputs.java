package io.funit.common.eval;

import io.funit.common.eval.report.EvaluationReport;
import io.funit.common.eval.report.HtmlReport;
import io.funit.common.json.Json;
import io.funit.common.storage.ObjectStore;
import io.funit.common.storage.StorageKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a finished evaluation goes: {@code report.json}, every file of the output (sample grids), then
 * {@code report.html} last, so that the page's presence means the report is complete. The worker writes to
 * {@code reports/{evaluationId}/} in the store, {@code ./funit eval} to a local directory; both with the same names.
 */
public final class EvaluationOutputs {
  private static final int MAX_REPORT_BYTES = 64 << 20;

  private EvaluationOutputs() {}

  /**
   * Stores the report under {@code reports/{evaluationId}/}. The keys depend only on the id, so a redelivered job
   * overwrites its own objects and nothing else.
   *
   * @return the keys written, the page last
   */
  public static List<String> store(ObjectStore store, String evaluationId, Evaluation.Output output) {
    List<String> keys = new ArrayList<>();
    keys.add(put(store, evaluationId, ReportFiles.REPORT_JSON, Json.writeBytes(output.report()), "application/json"));
    output.files().forEach((name, bytes) -> keys.add(put(store, evaluationId, name, bytes, ReportFiles.contentType(name))));
    keys.add(put(store, evaluationId, ReportFiles.REPORT_HTML, HtmlReport.renderBytes(output.report(), output.files()),
        ReportFiles.HTML_TYPE));
    return keys;
  }

  /** The stored report of a complete evaluation (its page exists); empty otherwise. */
  public static Optional<EvaluationReport> stored(ObjectStore store, String evaluationId) {
    if (store.stat(StorageKeys.report(evaluationId, ReportFiles.REPORT_HTML)).isEmpty()) {
      return Optional.empty();
    }
    return store.readJson(StorageKeys.report(evaluationId, ReportFiles.REPORT_JSON), EvaluationReport.class, MAX_REPORT_BYTES);
  }

  /** Writes the same files into {@code dir}; names that would leave it are refused. */
  public static List<Path> write(Path dir, Evaluation.Output output) throws IOException {
    List<Path> written = new ArrayList<>();
    written.add(write(dir, ReportFiles.REPORT_JSON, Json.writeBytes(output.report())));
    for (Map.Entry<String, byte[]> file : output.files().entrySet()) {
      written.add(write(dir, file.getKey(), file.getValue()));
    }
    written.add(write(dir, ReportFiles.REPORT_HTML, HtmlReport.renderBytes(output.report(), output.files())));
    return written;
  }

  private static String put(ObjectStore store, String evaluationId, String name, byte[] bytes, String type) {
    String key = StorageKeys.report(evaluationId, name);
    store.putBytes(key, bytes, type);
    return key;
  }

  private static Path write(Path dir, String name, byte[] bytes) throws IOException {
    Path root = dir.toAbsolutePath().normalize();
    Path file = root.resolve(name).normalize();
    if (!file.startsWith(root) || file.equals(root)) {
      throw new IOException("report file name '" + name + "' leaves " + dir);
    }
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
    return file;
  }
}
