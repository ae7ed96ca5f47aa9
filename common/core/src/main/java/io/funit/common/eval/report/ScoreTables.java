package io.funit.common.eval.report;

import io.funit.common.eval.report.EvaluationReport.KResult;
import io.funit.common.eval.report.EvaluationReport.MethodScores;
import io.funit.common.eval.report.EvaluationReport.MetricInfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The report page's score tables: one per K, methods as rows, metrics as columns, the best value per column marked. */
final class ScoreTables {
  /**
   * A metric column. {@code higherIsBetter} is null for a score the report does not describe: shown, never marked
   * best, because the page cannot know its direction.
   */
  record Column(String key, String label, Boolean higherIsBetter) {
    String title() {
      return higherIsBetter == null ? label : label + (higherIsBetter ? " ↑" : " ↓");
    }
  }

  private ScoreTables() {}

  /**
   * The columns: the described metrics that some method scored, in the report's order, then undescribed scores.
   * Metrics nobody scored (the ground-truth ones on a dataset that is not glyphs) are left out.
   */
  static List<Column> columns(EvaluationReport report) {
    Set<String> scored = new LinkedHashSet<>();
    for (KResult result : HtmlReport.nonNull(report.results())) {
      for (MethodScores scores : HtmlReport.nonNull(result.methods())) {
        if (scores.scores() != null) {
          scores.scores().forEach((key, value) -> {
            if (value != null) {
              scored.add(key);
            }
          });
        }
      }
    }
    List<Column> columns = new ArrayList<>();
    for (MetricInfo info : HtmlReport.nonNull(report.metrics())) {
      if (scored.remove(info.key())) {
        columns.add(new Column(info.key(), info.label() == null ? info.key() : info.label(), info.higherIsBetter()));
      }
    }
    scored.forEach(key -> columns.add(new Column(key, key, null)));
    return columns;
  }

  static void append(StringBuilder page, EvaluationReport report, List<String> methods) {
    List<Column> columns = columns(report);
    page.append("<section id=\"scores\"><h2>Scores per K</h2><p class=\"hint\">Best value per column in green "
        + "(↑ higher is better, ↓ lower is better).</p>");
    for (int k : HtmlReport.nonNull(report.k())) {
      page.append("<h3>K = ").append(k).append("</h3><table class=\"scores\" data-k=\"").append(k)
          .append("\"><thead><tr><th>method</th>");
      columns.forEach(c -> page.append("<th title=\"").append(Html.escape(c.key())).append("\">")
          .append(Html.escape(c.title())).append("</th>"));
      page.append("</tr></thead><tbody>");
      List<String> atK = scoredAt(report.results(), k, methods);
      for (String method : atK) {
        page.append("<tr><th scope=\"row\">").append(Html.escape(HtmlReport.label(method))).append("</th>");
        for (Column c : columns) {
          cell(page, Html.score(report.results(), k, method, c.key()), best(report.results(), k, atK, c));
        }
        page.append("</tr>");
      }
      page.append("</tbody></table>");
    }
    page.append("</section>");
  }

  /** The methods with scores at {@code k}: a baseline model of one K (StarGAN-Unfair-K) has a row at that K only. */
  static List<String> scoredAt(List<KResult> results, int k, List<String> methods) {
    Set<String> scored = new LinkedHashSet<>();
    for (KResult result : HtmlReport.nonNull(results)) {
      if (result.k() == k) {
        HtmlReport.nonNull(result.methods()).forEach(m -> scored.add(m.method()));
      }
    }
    return methods.stream().filter(scored::contains).toList();
  }

  static void cell(StringBuilder page, Double value, Double best) {
    if (value == null) {
      page.append("<td class=\"missing\">–</td>");
      return;
    }
    boolean isBest = best != null && value.doubleValue() == best.doubleValue();
    page.append("<td class=\"num").append(isBest ? " best" : "").append("\">").append(Html.number(value))
        .append("</td>");
  }

  /** The best finite value of a column at one K; ties are all marked. */
  static Double best(List<KResult> results, int k, List<String> methods, Column column) {
    if (column.higherIsBetter() == null) {
      return null;
    }
    Double best = null;
    for (String method : methods) {
      Double v = Html.score(results, k, method, column.key());
      if (v != null && Double.isFinite(v)
          && (best == null || (column.higherIsBetter() ? v > best : v < best))) {
        best = v;
      }
    }
    return best;
  }
}
