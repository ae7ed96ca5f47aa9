package io.funit.common.eval.report;

import io.funit.common.eval.report.EvaluationReport.Classification;
import io.funit.common.eval.report.EvaluationReport.ClassificationRow;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The report's few-shot classification section: one row per K and method, one column per N of generated images
 * per class, each cell the accuracy and its gain over the K real images alone (the paper's Table 3 layout).
 */
final class ClassificationTable {
  private ClassificationTable() {}

  static void append(StringBuilder page, Classification c) {
    if (c == null) {
      return;
    }
    page.append("<section id=\"classification\"><h2>Few-shot classification</h2><p class=\"hint\">")
        .append(Html.escape(c.classes() + " held-out classes, " + c.testImages() + " real test images; features of "
            + "the " + c.judge().name() + " judge (" + c.judge().classes() + " source classes, never the held-out "
            + "ones); classifier: " + c.classifier() + ". Top-1 accuracy; in brackets the gain over the K real "
            + "images alone."))
        .append("</p><table><thead><tr><th>K</th><th>method</th>");
    for (int n : c.generated()) {
      page.append("<th>+").append(n).append(" generated</th>");
    }
    page.append("</tr></thead><tbody>");
    Set<String> methods = new LinkedHashSet<>();
    c.rows().stream().filter(r -> r.generated() > 0).forEach(r -> methods.add(r.method()));
    for (int k : c.k()) {
      double real = c.rows().stream().filter(r -> r.k() == k && r.generated() == 0).mapToDouble(
          ClassificationRow::accuracy).findFirst().orElse(Double.NaN);
      page.append("<tr><td>").append(k).append("</td><td>real images only</td><td colspan=\"")
          .append(c.generated().size()).append("\">").append(percent(real)).append("</td></tr>");
      for (String method : methods) {
        page.append("<tr><td>").append(k).append("</td><td>").append(Html.escape(HtmlReport.label(method)))
            .append("</td>");
        for (int n : c.generated()) {
          ClassificationRow row = c.rows().stream().filter(r -> r.method().equals(method) && r.k() == k
              && r.generated() == n).findFirst().orElse(null);
          page.append("<td>").append(row == null ? "—" : percent(row.accuracy()) + " ("
              + String.format(Locale.ROOT, "%+.1f", 100 * row.gain()) + ")").append("</td>");
        }
        page.append("</tr>");
      }
    }
    page.append("</tbody></table></section>");
  }

  private static String percent(double value) {
    return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.1f %%", 100 * value);
  }
}
