package io.funit.deploy.soak;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a sampled quantity stayed flat: the median of its last window against the median of its first window
 * after warm-up. Medians, so that one sample taken mid-pass (a training's step, a GC) does not decide.
 */
final class Flatness {
  /** One sample: minutes since the load started, and the value. */
  record Point(double minute, double value) {}

  private Flatness() {}

  /**
   * @param from the first minute that counts (after warm-up)
   * @param window minutes in each of the two windows compared
   * @param tolerance the largest relative change still called flat (0.10: ±10 %)
   */
  static Map<String, Object> judge(List<Point> series, double from, double window, double tolerance) {
    double end = series.stream().mapToDouble(Point::minute).max().orElse(0);
    Map<String, Object> verdict = new LinkedHashMap<>();
    if (end - window < from + window) {
      // the two windows would overlap: the run is too short to say anything
      verdict.put("flat", false);
      verdict.put("why", "the run is shorter than warm-up + two windows");
      return verdict;
    }
    double first = median(series, from, from + window);
    double last = median(series, end - window, end + 1e-9);
    double max = series.stream().filter(p -> p.minute() >= from).mapToDouble(Point::value).max().orElse(Double.NaN);
    verdict.put("after_warmup", round(first));
    verdict.put("last_window", round(last));
    verdict.put("max_after_warmup", round(max));
    boolean measured = !Double.isNaN(first) && !Double.isNaN(last);
    double change = first == last ? 0 : first == 0 ? Double.POSITIVE_INFINITY : last / first - 1;
    verdict.put("change", measured && Double.isFinite(change) ? Math.round(change * 1000) / 1000.0 : null);
    verdict.put("flat", measured && Math.abs(change) <= tolerance);
    return verdict;
  }

  private static double median(List<Point> series, double from, double to) {
    double[] values = series.stream().filter(p -> p.minute() >= from && p.minute() < to).mapToDouble(Point::value)
        .sorted().toArray();
    if (values.length == 0) {
      return Double.NaN;
    }
    return values.length % 2 == 1 ? values[values.length / 2]
        : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
  }

  /** One decimal; null for no samples (JSON has no NaN). */
  private static Double round(double value) {
    return Double.isNaN(value) ? null : Math.round(value * 10) / 10.0;
  }
}
