package io.funit.common.eval.report;

import java.util.List;
import java.util.Locale;

/** Text helpers of the report page: escaping and number formatting, in one place so every cell is treated alike. */
final class Html {
  private Html() {}

  /** Escapes text for element content and quoted attribute values (the page never puts text anywhere else). */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Four significant decimals for scores in [0, 1] and distances; one decimal for large values (FID). */
  static String number(double value) {
    if (!Double.isFinite(value)) {
      return String.valueOf(value);
    }
    return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.1f" : "%.4f", value);
  }

  /** The score of one method at one K; null when the method has no such score (or no result at that K). */
  static Double score(List<EvaluationReport.KResult> results, int k, String method, String metric) {
    if (results == null) {
      return null;
    }
    for (EvaluationReport.KResult result : results) {
      if (result.k() == k && result.methods() != null) {
        for (EvaluationReport.MethodScores scores : result.methods()) {
          if (method.equals(scores.method()) && scores.scores() != null) {
            return scores.scores().get(metric);
          }
        }
      }
    }
    return null;
  }
}
