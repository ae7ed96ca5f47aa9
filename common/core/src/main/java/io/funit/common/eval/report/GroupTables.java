package io.funit.common.eval.report;

import io.funit.common.eval.report.EvaluationReport.GroupResult;
import java.util.List;

/**
 * The report page's tables per style group of the held-out fonts: one per K, a row per group, and for each of the
 * scores users read first (L1 and SSIM to the true glyph, the style judge's top-1) a column per method, the best
 * method of a row marked. The JSON has every per-class score of every group.
 */
final class GroupTables {
  /** The scores shown, in this order, when a group has them. */
  static final List<String> SHOWN = List.of(EvaluationReport.GT_L1, EvaluationReport.GT_SSIM,
      EvaluationReport.GT_FEATURE_DISTANCE, EvaluationReport.ACC_ALL_TOP1);

  private GroupTables() {}

  static void append(StringBuilder page, EvaluationReport report, List<String> methods) {
    List<GroupResult> groups = HtmlReport.nonNull(report.groups());
    if (groups.isEmpty()) {
      return;
    }
    List<ScoreTables.Column> columns = ScoreTables.columns(report).stream()
        .filter(c -> SHOWN.contains(c.key())).toList();
    page.append("<section id=\"groups\"><h2>Scores per style group</h2><p class=\"hint\">Held-out fonts by group "
        + "(a font counts in each of its groups: a bold italic serif in three); the best method of each row and "
        + "score in green.</p>");
    for (int k : HtmlReport.nonNull(report.k())) {
      List<String> atK = ScoreTables.scoredAt(report.results(), k, methods);
      page.append("<h3>K = ").append(k).append("</h3><table class=\"groups\" data-k=\"").append(k)
          .append("\"><thead><tr><th rowspan=\"2\">group</th><th rowspan=\"2\">fonts</th>");
      columns.forEach(c -> page.append("<th colspan=\"").append(atK.size()).append("\" title=\"")
          .append(Html.escape(c.key())).append("\">").append(Html.escape(c.title())).append("</th>"));
      page.append("</tr><tr>");
      columns.forEach(c -> atK.forEach(m -> page.append("<th>").append(Html.escape(HtmlReport.label(m)))
          .append("</th>")));
      page.append("</tr></thead><tbody>");
      for (GroupResult group : groups) {
        page.append("<tr><th scope=\"row\">").append(Html.escape(group.group())).append("</th><td class=\"num\">")
            .append(group.classes()).append("</td>");
        for (ScoreTables.Column c : columns) {
          Double best = ScoreTables.best(group.results(), k, atK, c);
          for (String method : atK) {
            ScoreTables.cell(page, Html.score(group.results(), k, method, c.key()), best);
          }
        }
        page.append("</tr>");
      }
      page.append("</tbody></table>");
    }
    page.append("</section>");
  }
}
