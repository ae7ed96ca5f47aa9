package io.funit.common.funit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LearningRateCooldownTest {
  @Test
  void noCooldownKeepsTheRateConstantToTheEnd() {
    assertThat(LearningRateCooldown.NONE.scale(0)).isEqualTo(1);
    assertThat(LearningRateCooldown.NONE.scale(0.999)).isEqualTo(1);
  }

  @Test
  void theRateFallsLinearlyToZeroOverTheLastShare() {
    LearningRateCooldown half = new LearningRateCooldown(0.5);
    assertThat(half.scale(0)).isEqualTo(1);
    assertThat(half.scale(0.5)).isEqualTo(1);
    assertThat(half.scale(0.75)).isCloseTo(0.5, within(1e-12));
    assertThat(half.scale(0.9)).isCloseTo(0.2, within(1e-12));
    assertThat(half.scale(1)).isZero();
    assertThat(half.scale(1.2)).isZero(); // a resumed run past its budget does not turn the rate around
  }

  @Test
  void progressIsTheFurtherOfIterationsAndTimeBudget() {
    // a continuation from iteration 1,000 to 3,000: 500 done by iterations
    assertThat(LearningRateCooldown.progress(1_500, 1_000, 3_000, 10, 0)).isCloseTo(0.25, within(1e-12));
    // the same with a 40 s budget of which 30 s are spent: the budget ends it first
    assertThat(LearningRateCooldown.progress(1_500, 1_000, 3_000, 30, 40)).isCloseTo(0.75, within(1e-12));
    // a demo's unreachable iteration target: time decides
    assertThat(LearningRateCooldown.progress(2_000, 0, 10_000_000, 660, 1320)).isCloseTo(0.5, within(1e-3));
  }

  @Test
  void aShareOutsideZeroToOneIsRefused() {
    assertThatThrownBy(() -> new LearningRateCooldown(1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LearningRateCooldown(-0.1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LearningRateCooldown(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}
