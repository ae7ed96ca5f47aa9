package io.funit.common.eval;

import java.util.Locale;

/**
 * The files of a stored evaluation report (under {@code reports/{evaluationId}/}) and the content types they are
 * served with: what the gateway needs of a report without the evaluation engine.
 */
public final class ReportFiles {
  public static final String REPORT_JSON = "report.json";
  public static final String REPORT_HTML = "report.html";
  public static final String HTML_TYPE = "text/html; charset=utf-8";

  private ReportFiles() {}

  /** The content type a report file is served with, from its name. */
  public static String contentType(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".png")) {
      return "image/png";
    }
    if (lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
      return "image/jpeg";
    }
    if (lower.endsWith(".json")) {
      return "application/json";
    }
    return lower.endsWith(".html") ? HTML_TYPE : "application/octet-stream";
  }
}
