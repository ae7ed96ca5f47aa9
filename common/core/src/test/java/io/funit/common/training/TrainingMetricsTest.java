package io.funit.common.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingMetricsTest {
  private static MetricRow row(long iteration, Map<String, Double> values) {
    return new MetricRow(iteration, 1.0, values);
  }

  @Test
  void aScalarLoggedInSomeRowsIsAveragedOverThoseRowsOnly() {
    List<MetricRow> rows = List.of(row(1, Map.of("loss", 4.0)), row(2, Map.of("loss", 2.0, "held_out", 0.3)),
        row(3, Map.of("loss", 0.0)), row(4, Map.of("loss", 2.0, "held_out", 0.1)));

    assertThat(TrainingMetrics.mean(rows)).containsEntry("loss", 2.0).containsEntry("held_out", 0.2);
  }

  @Test
  void downsamplingKeepsEachBucketsLastIterationAndPerScalarMeans() {
    List<MetricRow> rows = List.of(row(1, Map.of("loss", 4.0)), row(2, Map.of("loss", 2.0, "held_out", 0.3)),
        row(3, Map.of("loss", 0.0)), row(4, Map.of("loss", 2.0)));

    List<MetricRow> two = TrainingMetrics.downsample(rows, 2);

    assertThat(two).extracting(MetricRow::iteration).containsExactly(2L, 4L);
    assertThat(two.get(0).values()).containsEntry("loss", 3.0).containsEntry("held_out", 0.3);
    assertThat(two.get(1).values()).containsOnlyKeys("loss").containsEntry("loss", 1.0);
  }
}
