package io.funit.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void allowsTheBurstThenRefusesWithRetryAfter() {
    TokenBucket bucket = new TokenBucket(3, 60, 0); // one token a second
    assertThat(bucket.take(0).remaining()).isEqualTo(2);
    assertThat(bucket.take(0).remaining()).isEqualTo(1);
    TokenBucket.Decision last = bucket.take(0);
    assertThat(last.allowed()).isTrue();
    assertThat(last.remaining()).isZero();
    assertThat(last.resetSeconds()).isEqualTo(3);
    TokenBucket.Decision refused = bucket.take(0);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    assertThat(refused.limit()).isEqualTo(3);
  }

  @Test
  void refillsAtTheRateUpToTheCapacity() {
    TokenBucket bucket = new TokenBucket(2, 60, 0);
    bucket.take(0);
    bucket.take(0);
    assertThat(bucket.take(SECOND / 2).allowed()).isFalse();
    assertThat(bucket.take(SECOND).allowed()).isTrue();
    assertThat(bucket.take(100 * SECOND).remaining()).isEqualTo(1); // full at 2, minus this request
  }
}
