package io.funit.common.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FeatureDistanceTest {
  @Test
  void isZeroForTheSameDirectionOneForOrthogonalAndTwoForOpposite() {
    double[][] reference = FeatureDistance.normalizedRows(new float[] {3, 4, 0, 0, 0, 2}, 2);
    assertThat(reference[0]).containsExactly(new double[] {0.6, 0.8, 0}, within(1e-12));

    float[] outputs = {6, 8, 0, 0, 5, 0, -3, -4, 0};
    assertThat(FeatureDistance.of(outputs, 0, reference[0])).isCloseTo(0, within(1e-9));
    assertThat(FeatureDistance.of(outputs, 1, reference[1])).isCloseTo(1, within(1e-9));
    assertThat(FeatureDistance.of(outputs, 2, reference[0])).isCloseTo(2, within(1e-9));
  }
}
