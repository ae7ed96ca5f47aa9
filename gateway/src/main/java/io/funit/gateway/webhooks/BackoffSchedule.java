package io.funit.gateway.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a failed delivery again. Base delays after the 1st, 2nd, … failed attempt: 5 s, 30 s, 2 min,
 * 10 min, 30 min, 1 h, then every hour, for at most 24 h after the first attempt (about 28 attempts). Each delay
 * is drawn uniformly from (0, base] ("full jitter"), so receivers that come back after an outage are not hit by
 * every pending delivery at once. A {@code Retry-After} from the receiver is a floor. {@code scale} shrinks the
 * bases and the window for tests; a receiver's {@code Retry-After} is never scaled.
 */
public final class BackoffSchedule {
  static final List<Duration> BASE = List.of(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(2),
      Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1));
  static final Duration LATER = Duration.ofHours(1);
  static final Duration WINDOW = Duration.ofHours(24);

  private final double scale;
  private final RandomGenerator random;

  public BackoffSchedule(double scale, RandomGenerator random) {
    this.scale = scale;
    this.random = random;
  }

  /** How long a delivery is retried before it fails at this scale: 24 h, scaled. */
  static Duration window(double scale) {
    return Duration.ofMillis(Math.round(WINDOW.toMillis() * scale));
  }

  /** The base delay after {@code failedAttempts} failures (1 = after the first attempt), unscaled. */
  static Duration base(int failedAttempts) {
    return failedAttempts <= BASE.size() ? BASE.get(Math.max(1, failedAttempts) - 1) : LATER;
  }

  /**
   * When the next attempt is due, or empty when the window is spent.
   *
   * @param failedAttempts attempts so far, all failed
   * @param firstAttempt when the first attempt ran
   * @param now the time of the latest failure
   * @param retryAfter the receiver's Retry-After, if it sent one
   */
  public Optional<Instant> next(int failedAttempts, Instant firstAttempt, Instant now, Optional<Duration> retryAfter) {
    long baseMillis = Math.max(1, Math.round(base(failedAttempts).toMillis() * scale));
    Duration delay = Duration.ofMillis(1 + random.nextLong(baseMillis));
    if (retryAfter.isPresent() && retryAfter.get().compareTo(delay) > 0) {
      delay = retryAfter.get();
    }
    Instant due = now.plus(delay);
    Instant end = firstAttempt.plus(window(scale));
    return due.isAfter(end) ? Optional.empty() : Optional.of(due);
  }

  /** A {@code Retry-After} header (RFC 9110: delay-seconds or an HTTP date) as a delay from {@code now}, at most 24 h. */
  public static Optional<Duration> retryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    Duration delay;
    try {
      delay = Duration.ofSeconds(Long.parseLong(header.trim()));
    } catch (NumberFormatException notSeconds) {
      try {
        delay = Duration.between(now, ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
            .toInstant());
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
    if (delay.isNegative()) {
      return Optional.of(Duration.ZERO);
    }
    return Optional.of(delay.compareTo(WINDOW) > 0 ? WINDOW : delay);
  }
}
