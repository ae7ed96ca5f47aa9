package io.funit.gateway.limits;

/**
 * A token bucket: holds up to {@code capacity} tokens, refills at {@code perMinute} tokens a minute, and every
 * request takes one. Time is passed in (nanoseconds) so tests need no clock.
 */
final class TokenBucket {
  private final int capacity;
  private final double tokensPerNano;
  private double tokens;
  private long refilledAt;

  TokenBucket(int capacity, int perMinute, long nowNanos) {
    this.capacity = capacity;
    this.tokensPerNano = perMinute / 60e9;
    this.tokens = capacity;
    this.refilledAt = nowNanos;
  }

  /**
   * What taking one token says.
   *
   * @param allowed a token was taken
   * @param limit the bucket's capacity
   * @param remaining whole tokens left after this request
   * @param resetSeconds seconds until the bucket is full again
   * @param retryAfterSeconds when refused, seconds until one token is back (else 0)
   */
  record Decision(boolean allowed, int limit, int remaining, long resetSeconds, long retryAfterSeconds) {}

  synchronized Decision take(long nowNanos) {
    tokens = Math.min(capacity, tokens + Math.max(0, nowNanos - refilledAt) * tokensPerNano);
    refilledAt = nowNanos;
    boolean allowed = tokens >= 1;
    if (allowed) {
      tokens -= 1;
    }
    long retryAfter = allowed ? 0 : seconds(1 - tokens);
    return new Decision(allowed, capacity, (int) Math.floor(tokens), seconds(capacity - tokens), retryAfter);
  }

  /** Whole seconds (rounded up) until {@code missing} tokens have been refilled. */
  private long seconds(double missing) {
    return missing <= 0 ? 0 : (long) Math.ceil(missing / tokensPerNano / 1e9);
  }
}
