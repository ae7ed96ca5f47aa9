package io.funit.gateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffScheduleTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void basesFollowTheDocumentedSchedule() {
    assertThat(BackoffSchedule.base(1)).isEqualTo(Duration.ofSeconds(5));
    assertThat(BackoffSchedule.base(2)).isEqualTo(Duration.ofSeconds(30));
    assertThat(BackoffSchedule.base(3)).isEqualTo(Duration.ofMinutes(2));
    assertThat(BackoffSchedule.base(4)).isEqualTo(Duration.ofMinutes(10));
    assertThat(BackoffSchedule.base(5)).isEqualTo(Duration.ofMinutes(30));
    assertThat(BackoffSchedule.base(6)).isEqualTo(Duration.ofHours(1));
    assertThat(BackoffSchedule.base(20)).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void fullJitterStaysWithinTheBaseAndTheWindowEndsRetries() {
    BackoffSchedule schedule = new BackoffSchedule(1.0, new Random(7));
    for (int n = 1; n <= 10; n++) {
      for (int i = 0; i < 200; i++) {
        Duration delay = Duration.between(T0, schedule.next(n, T0, T0, Optional.empty()).orElseThrow());
        assertThat(delay).isPositive().isLessThanOrEqualTo(BackoffSchedule.base(n));
      }
    }
    Instant late = T0.plus(Duration.ofHours(24)).minusSeconds(1);
    assertThat(new BackoffSchedule(1.0, new Random(1)).next(30, T0, late, Optional.of(Duration.ofSeconds(5))))
        .isEmpty();
  }

  @Test
  void walkingTheScheduleTakesAboutADay() {
    BackoffSchedule schedule = new BackoffSchedule(1.0, new FixedMax());
    Instant now = T0;
    int attempts = 1;
    for (Optional<Instant> next = schedule.next(1, T0, now, Optional.empty()); next.isPresent();
        next = schedule.next(attempts, T0, now, Optional.empty())) {
      now = next.get();
      attempts++;
    }
    assertThat(attempts).isBetween(25, 30);
    assertThat(Duration.between(T0, now)).isBetween(Duration.ofHours(23), Duration.ofHours(24));
  }

  @Test
  void retryAfterIsAFloorInSecondsOrAsAnHttpDate() {
    BackoffSchedule schedule = new BackoffSchedule(0.001, new Random(3));
    assertThat(schedule.next(1, T0, T0, BackoffSchedule.retryAfter("2", T0))).contains(T0.plusSeconds(2));
    assertThat(BackoffSchedule.retryAfter("Thu, 01 Jan 2026 00:01:00 GMT", T0)).contains(Duration.ofMinutes(1));
    assertThat(BackoffSchedule.retryAfter("soon", T0)).isEmpty();
    assertThat(BackoffSchedule.retryAfter("999999", T0)).contains(Duration.ofHours(24));
  }

  @Test
  void scaleCompressesBasesAndWindow() {
    BackoffSchedule schedule = new BackoffSchedule(0.001, new Random(5));
    Duration delay = Duration.between(T0, schedule.next(6, T0, T0, Optional.empty()).orElseThrow());
    assertThat(delay).isLessThanOrEqualTo(Duration.ofMillis(3600));
    assertThat(schedule.next(2, T0, T0.plusSeconds(90), Optional.empty())).isEmpty();
  }

  /** Always the largest delay: the schedule's upper bound. */
  private static final class FixedMax implements java.util.random.RandomGenerator {
    @Override
    public long nextLong() {
      return 0;
    }

    @Override
    public long nextLong(long bound) {
      return bound - 1;
    }
  }
}
