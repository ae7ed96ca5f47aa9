package io.funit.common.eval.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small inline SVG line chart of one metric against K: one polyline per method and a legend. K is drawn on a log
 * scale, because the shot counts evaluated (1, 5, 10, 20) grow geometrically and a linear axis would crowd the
 * small ones together. No scripts and no external fonts, so the chart works in a page opened from disk.
 */
final class LineChart {
  /** Method colours, fixed so a method has the same colour in every chart of a report (Okabe–Ito, colour-blind safe). */
  private static final List<String> COLOURS = List.of("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00",
      "#56B4E9", "#F0E442", "#000000");
  private static final int WIDTH = 360;
  private static final int HEIGHT = 220;
  private static final int LEFT = 56;
  private static final int RIGHT = 12;
  private static final int TOP = 24;
  private static final int BOTTOM = 64;

  /** One method's values at each K ({@code null} where the method has no value). */
  record Series(String method, String label, List<Double> values) {}

  private LineChart() {}

  static String colour(int methodIndex) {
    return COLOURS.get(methodIndex % COLOURS.size());
  }

  /**
   * @param title the metric's label
   * @param k the shot counts, ascending (the x positions)
   * @param series one per method, in the report's method order (which fixes the colours)
   */
  static String svg(String title, List<Integer> k, List<Series> series) {
    double[] range = range(series);
    // two legend rows fit under the plot; a report with baseline models has more methods and a taller chart
    int height = HEIGHT + Math.max(0, (series.size() + 1) / 2 - 2) * 14;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"").append(WIDTH)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
        .append("\" role=\"img\" aria-label=\"").append(Html.escape(title)).append(" against K\">");
    svg.append("<title>").append(Html.escape(title)).append(" against K</title>");
    svg.append(text(LEFT, 16, "start", "chart-title", title));
    axes(svg, k, range);
    for (int m = 0; m < series.size(); m++) {
      line(svg, k, series.get(m).values(), range, colour(m));
    }
    legend(svg, series);
    return svg.append("</svg>").toString();
  }

  /** The y range: the values' min and max, padded, and never empty (a flat line sits mid-height or above 0). */
  private static double[] range(List<Series> series) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (Double v : s.values()) {
        if (v != null && Double.isFinite(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    if (min > max) {
      return new double[] {0, 1};
    }
    double pad = max > min ? (max - min) * 0.08 : Math.max(Math.abs(max) * 0.1, 0.5);
    // scores that cannot be negative (accuracies, distances) get no negative axis label
    return new double[] {min >= 0 ? Math.max(0, min - pad) : min - pad, max + pad};
  }

  private static void axes(StringBuilder svg, List<Integer> k, double[] range) {
    int bottom = HEIGHT - BOTTOM;
    svg.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(bottom).append("\" x2=\"")
        .append(WIDTH - RIGHT).append("\" y2=\"").append(bottom).append("\"/>");
    svg.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"")
        .append(LEFT).append("\" y2=\"").append(bottom).append("\"/>");
    for (int i = 0; i < k.size(); i++) {
      double x = x(k, i);
      svg.append(text(x, bottom + 14, "middle", "tick", String.valueOf(k.get(i))));
    }
    svg.append(text(WIDTH - RIGHT, bottom + 14, "end", "tick", "K"));
    for (int t = 0; t <= 2; t++) {
      double value = range[0] + (range[1] - range[0]) * t / 2;
      svg.append(text(LEFT - 4, y(value, range) + 4, "end", "tick", Html.number(value)));
    }
  }

  private static void line(StringBuilder svg, List<Integer> k, List<Double> values, double[] range, String colour) {
    List<String> points = new ArrayList<>();
    for (int i = 0; i < k.size() && i < values.size(); i++) {
      Double v = values.get(i);
      if (v != null && Double.isFinite(v)) {
        String point = format(x(k, i)) + "," + format(y(v, range));
        points.add(point);
        svg.append("<circle cx=\"").append(format(x(k, i))).append("\" cy=\"").append(format(y(v, range)))
            .append("\" r=\"3\" fill=\"").append(colour).append("\"/>");
      }
    }
    if (points.size() > 1) {
      svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour).append("\" points=\"")
          .append(String.join(" ", points)).append("\"/>");
    }
  }

  private static void legend(StringBuilder svg, List<Series> series) {
    int columns = 2;
    for (int m = 0; m < series.size(); m++) {
      double x = LEFT + (m % columns) * 150;
      double y = HEIGHT - BOTTOM + 32 + (m / columns) * 14;
      svg.append("<rect x=\"").append(format(x)).append("\" y=\"").append(format(y - 8)).append("\" width=\"10\" "
          + "height=\"10\" fill=\"").append(colour(m)).append("\"/>");
      svg.append(text(x + 14, y + 1, "start", "legend", series.get(m).label()));
    }
  }

  /** K on a log scale; a single K sits in the middle. */
  private static double x(List<Integer> k, int i) {
    int span = WIDTH - LEFT - RIGHT - 20;
    double first = Math.log(k.get(0));
    double last = Math.log(k.get(k.size() - 1));
    if (last <= first) {
      return LEFT + 10 + span / 2.0;
    }
    return LEFT + 10 + span * (Math.log(k.get(i)) - first) / (last - first);
  }

  private static double y(double value, double[] range) {
    int span = HEIGHT - TOP - BOTTOM;
    return TOP + span * (1 - (value - range[0]) / (range[1] - range[0]));
  }

  private static String text(double x, double y, String anchor, String cssClass, String content) {
    return "<text x=\"" + format(x) + "\" y=\"" + format(y) + "\" text-anchor=\"" + anchor + "\" class=\"" + cssClass
        + "\">" + Html.escape(content) + "</text>";
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** The series of one metric from the report's results, in the given method order. */
  static List<Series> series(String metric, List<Integer> k, List<EvaluationReport.KResult> results,
      List<String> methods, Map<String, String> labels) {
    List<Series> series = new ArrayList<>();
    for (String method : methods) {
      List<Double> values = new ArrayList<>();
      for (int i = 0; i < k.size(); i++) {
        values.add(Html.score(results, k.get(i), method, metric));
      }
      series.add(new Series(method, labels.getOrDefault(method, method), values));
    }
    return series;
  }
}
