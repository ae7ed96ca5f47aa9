package io.funit.common.eval.report;

import io.funit.common.eval.report.EvaluationReport.JudgeSummary;
import io.funit.common.eval.report.EvaluationReport.KResult;
import io.funit.common.eval.report.EvaluationReport.MethodScores;
import io.funit.common.eval.report.EvaluationReport.MetricInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An evaluation report as one self-contained HTML page: inline CSS, charts as inline SVG, sample grids as data URIs,
 * no script and no external asset, so the file can be mailed, archived or opened from disk and looks the same. The
 * worker stores it as {@code reports/{id}/report.html}; {@code ./funit eval} writes it beside {@code report.json}.
 *
 * <p>Every piece of text (ids, names, notes, descriptions) is escaped: dataset and class names come from users. The
 * page is also well-formed XML, which keeps it parseable by simple tools and lets the tests check its structure.
 */
public final class HtmlReport {
  /** How the methods are called on the page; unknown methods show their key. */
  static final Map<String, String> METHOD_LABELS = Map.of(EvaluationReport.FUNIT, "FUNIT",
      EvaluationReport.COPY_CONTENT, "Copy content", EvaluationReport.CLASS_MEAN, "Class mean",
      EvaluationReport.STYLING_ONLY, "Styling only");

  private static final String CSS = """
      body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px auto;max-width:1100px;\
      padding:0 16px;color:#1b1b1b}
      h1{font-size:22px;margin-bottom:4px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd}
      h3{font-size:15px;margin:18px 0 6px}
      dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:8px 0}dl.facts dt{color:#666}
      dl.facts dd{margin:0}
      table{border-collapse:collapse;margin:4px 0 12px}th,td{border:1px solid #ddd;padding:4px 8px;text-align:left}
      td.num{text-align:right;font-variant-numeric:tabular-nums}th{background:#f5f5f5}
      td.best{background:#dff3e4;font-weight:600}td.missing{color:#999;text-align:center}
      .charts{display:flex;flex-wrap:wrap;gap:16px}figure{margin:0}figcaption{color:#666;font-size:12px}
      svg.chart{border:1px solid #eee;background:#fff}svg .axis{stroke:#888;stroke-width:1}
      svg text{font:11px system-ui,sans-serif;fill:#333}svg .chart-title{font-weight:600;font-size:12px}
      img.grid{max-width:100%;image-rendering:pixelated;border:1px solid #eee}
      .hint{color:#666;font-size:12px}
      """;

  private HtmlReport() {}

  /** The page as UTF-8 bytes, ready to store with content type {@code text/html; charset=utf-8}. */
  public static byte[] renderBytes(EvaluationReport report, Map<String, byte[]> files) {
    return render(report, files).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * @param files report-relative file name → bytes; the sample grids the report names are embedded from here (a
   *     grid missing from it is shown as missing rather than linked, so the page never depends on another file)
   */
  public static String render(EvaluationReport report, Map<String, byte[]> files) {
    List<String> methods = methods(report);
    StringBuilder page = new StringBuilder(64 * 1024);
    page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/><title>")
        .append(Html.escape("FUNIT evaluation of " + report.model() + " on " + datasetLabel(report)))
        .append("</title><style>").append(CSS).append("</style></head><body>");
    header(page, report);
    baselineModels(page, report.baselineModels());
    ScoreTables.append(page, report, methods);
    GroupTables.append(page, report, methods);
    charts(page, report, methods);
    ClassificationTable.append(page, report.classification());
    samples(page, report, files);
    judges(page, report.judges());
    metricDescriptions(page, report.metrics());
    notes(page, report.notes());
    return page.append("</body></html>\n").toString();
  }

  /**
   * The report's methods: FUNIT, then the baseline models and any other method the results hold, in their order,
   * then the simple baselines: the paper's Table 1 order (the learned methods, then what bounds them).
   */
  static List<String> methods(EvaluationReport report) {
    Set<String> present = new LinkedHashSet<>();
    for (KResult result : nonNull(report.results())) {
      for (MethodScores scores : nonNull(result.methods())) {
        present.add(scores.method());
      }
    }
    List<String> ordered = new ArrayList<>();
    if (present.contains(EvaluationReport.FUNIT)) {
      ordered.add(EvaluationReport.FUNIT);
    }
    present.stream().filter(m -> !EvaluationReport.METHODS.contains(m)).forEach(ordered::add);
    EvaluationReport.METHODS.stream().filter(m -> !m.equals(EvaluationReport.FUNIT) && present.contains(m))
        .forEach(ordered::add);
    return ordered;
  }

  static String label(String method) {
    return METHOD_LABELS.getOrDefault(method, method);
  }

  private static void header(StringBuilder page, EvaluationReport r) {
    page.append("<header><h1>").append(Html.escape("Evaluation " + r.evaluation())).append("</h1><dl class=\"facts\">");
    fact(page, "Model", r.model() + (r.preset() == null ? "" : " (" + r.preset() + ", " + r.imageSize() + "×"
        + r.imageSize() + ")"));
    fact(page, "Dataset", datasetLabel(r));
    fact(page, "Held-out classes", String.valueOf(r.heldOutClasses()));
    fact(page, "Contents per class and K", String.valueOf(r.contentsPerClass()));
    fact(page, "K", String.valueOf(r.k()));
    fact(page, "Seed", String.valueOf(r.seed()));
    fact(page, "Finished", r.createdAt() == null ? "" : r.createdAt().toString());
    fact(page, "Wall time", String.format(java.util.Locale.ROOT, "%.1f s", r.seconds()));
    page.append("</dl></header>");
  }

  /** Which model each baseline row is, so that a reader can tell StarGAN-Fair from a second FUNIT checkpoint. */
  private static void baselineModels(StringBuilder page, List<EvaluationReport.BaselineModelInfo> models) {
    if (nonNull(models).isEmpty()) {
      return;
    }
    page.append("<section id=\"baseline-models\"><h2>Baseline models</h2><p class=\"hint\">Registered models "
        + "scored on the same draws as the evaluated one.</p><table><thead><tr><th>method</th><th>model</th>"
        + "<th>family</th><th>preset</th><th>iterations</th><th>K</th></tr></thead><tbody>");
    for (EvaluationReport.BaselineModelInfo m : models) {
      page.append("<tr><td>").append(Html.escape(m.name())).append("</td><td>").append(Html.escape(m.model()))
          .append("</td><td>").append(Html.escape(m.family())).append("</td><td>").append(Html.escape(m.preset()))
          .append("</td><td>").append(m.iterations() == null ? "" : String.format(java.util.Locale.ROOT, "%,d",
              m.iterations()))
          .append("</td><td>").append(m.k() == null ? "every K" : String.valueOf(m.k())).append("</td></tr>");
    }
    page.append("</tbody></table></section>");
  }

  private static String datasetLabel(EvaluationReport r) {
    return r.datasetName() == null || r.datasetName().equals(r.dataset()) ? r.dataset()
        : r.datasetName() + " (" + r.dataset() + ")";
  }

  private static void fact(StringBuilder page, String name, String value) {
    page.append("<dt>").append(Html.escape(name)).append("</dt><dd>").append(Html.escape(value)).append("</dd>");
  }

  private static void charts(StringBuilder page, EvaluationReport report, List<String> methods) {
    page.append("<section id=\"charts\"><h2>Scores against K</h2><div class=\"charts\">");
    List<Integer> k = nonNull(report.k());
    for (ScoreTables.Column column : ScoreTables.columns(report)) {
      page.append("<figure>").append(LineChart.svg(column.title(), k,
          LineChart.series(column.key(), k, report.results(), methods, METHOD_LABELS))).append("</figure>");
    }
    page.append("</div></section>");
  }

  private static void samples(StringBuilder page, EvaluationReport report, Map<String, byte[]> files) {
    List<String> samples = nonNull(report.samples());
    if (samples.isEmpty()) {
      return;
    }
    page.append("<section id=\"samples\"><h2>Samples</h2>");
    for (int i = 0; i < samples.size(); i++) {
      String name = samples.get(i);
      String caption = (i < nonNull(report.k()).size() ? "K = " + report.k().get(i) + ": " : "") + name;
      byte[] image = files == null ? null : files.get(name);
      page.append("<figure><figcaption>").append(Html.escape(caption)).append("</figcaption>");
      if (image == null) {
        page.append("<p class=\"hint\">(this grid was not stored)</p>");
      } else {
        page.append("<img class=\"grid\" alt=\"").append(Html.escape(caption)).append("\" src=\"data:")
            .append(mediaType(name)).append(";base64,").append(Base64.getEncoder().encodeToString(image))
            .append("\"/>");
      }
      page.append("</figure>");
    }
    page.append("</section>");
  }

  private static String mediaType(String name) {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    return lower.endsWith(".jpg") || lower.endsWith(".jpeg") ? "image/jpeg" : "image/png";
  }

  private static void judges(StringBuilder page, List<JudgeSummary> judges) {
    page.append("<section id=\"judges\"><h2>Judges</h2><table><thead><tr><th>judge</th><th>classes</th>"
        + "<th>train images</th><th>test images</th><th>test accuracy</th><th>what it is</th></tr></thead><tbody>");
    for (JudgeSummary j : nonNull(judges)) {
      page.append("<tr><td>").append(Html.escape(j.name())).append("</td><td class=\"num\">").append(j.classes())
          .append("</td><td class=\"num\">").append(j.trainImages()).append("</td><td class=\"num\">")
          .append(j.testImages()).append("</td><td class=\"num\">").append(Html.number(j.testAccuracy()))
          .append("</td><td>").append(Html.escape(j.description())).append("</td></tr>");
    }
    page.append("</tbody></table></section>");
  }

  private static void metricDescriptions(StringBuilder page, List<MetricInfo> metrics) {
    page.append("<section id=\"metrics\"><h2>Metrics</h2><table><thead><tr><th>key</th><th>metric</th>"
        + "<th>better</th><th>how it is computed</th></tr></thead><tbody>");
    for (MetricInfo m : nonNull(metrics)) {
      page.append("<tr><td>").append(Html.escape(m.key())).append("</td><td>").append(Html.escape(m.label()))
          .append("</td><td>").append(m.higherIsBetter() ? "higher" : "lower").append("</td><td>")
          .append(Html.escape(m.description())).append("</td></tr>");
    }
    page.append("</tbody></table></section>");
  }

  private static void notes(StringBuilder page, List<String> notes) {
    if (nonNull(notes).isEmpty()) {
      return;
    }
    page.append("<section id=\"notes\"><h2>Notes</h2><ul>");
    notes.forEach(n -> page.append("<li>").append(Html.escape(n)).append("</li>"));
    page.append("</ul></section>");
  }

  static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }
}
