package io.funit.deploy.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlatnessTest {
  private static List<Flatness.Point> series(java.util.function.DoubleUnaryOperator valueAtMinute) {
    List<Flatness.Point> points = new ArrayList<>();
    for (double minute = 0; minute <= 60; minute += 0.5) {
      points.add(new Flatness.Point(minute, valueAtMinute.applyAsDouble(minute)));
    }
    return points;
  }

  @Test
  void aLevelSeriesWithAWarmUpAndOneSpikeIsFlat() {
    // grows during the first 10 minutes (warm-up), then level at 400 with one spike at minute 30
    Map<String, Object> verdict = Flatness.judge(series(m -> m < 10 ? 200 + 20 * m : m == 30 ? 900 : 400), 10, 10,
        0.10);
    assertThat(verdict.get("flat")).isEqualTo(true);
    assertThat(verdict.get("after_warmup")).isEqualTo(400.0);
    assertThat(verdict.get("max_after_warmup")).isEqualTo(900.0);
  }

  @Test
  void aSlowLeakIsNotFlat() {
    // 0.5 % a minute: 400 → about 500 over the judged 50 minutes
    Map<String, Object> verdict = Flatness.judge(series(m -> 400 * (1 + 0.005 * m)), 10, 10, 0.10);
    assertThat(verdict.get("flat")).isEqualTo(false);
    assertThat((double) verdict.get("change")).isGreaterThan(0.15);
  }

  @Test
  void aRunTooShortForTwoWindowsAfterWarmUpIsNotJudgedFlat() {
    List<Flatness.Point> points = new ArrayList<>();
    for (double minute = 0; minute <= 20; minute += 0.5) {
      points.add(new Flatness.Point(minute, 400));
    }
    assertThat(Flatness.judge(points, 10, 10, 0.10)).containsEntry("flat", false).containsKey("why");
  }

  @Test
  void growthFromZeroIsNotFlat() {
    List<Flatness.Point> points = series(m -> m < 30 ? 0 : 50);
    assertThat(Flatness.judge(points, 10, 10, 0.10)).containsEntry("flat", false);
  }

  @Test
  void percentilesAreNearestRank() {
    long[] sorted = new long[100];
    for (int i = 0; i < 100; i++) {
      sorted[i] = i + 1;
    }
    assertThat(LatencyWindows.percentile(sorted, 0.99)).isEqualTo(99);
    assertThat(LatencyWindows.percentile(sorted, 0.50)).isEqualTo(50);
    assertThat(LatencyWindows.percentile(new long[] {7}, 0.99)).isEqualTo(7);
    assertThat(LatencyWindows.percentile(new long[0], 0.99)).isZero();
  }
}
