package io.funit.common.funit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class KShotCodeTest {
  @Test
  void theKShotCodeIsTheMeanOfTheClassCodes() {
    assertThat(KShotCode.mean(List.of(new float[] {1, 2}, new float[] {3, 6}))).containsExactly(2f, 4f);
    assertThat(KShotCode.mean(List.<float[]>of(new float[] {0.5f}))).containsExactly(0.5f);
    assertThatThrownBy(() -> KShotCode.mean(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
