package io.funit.gateway.limits;

import io.funit.common.config.Settings;
import java.time.Duration;

/**
 * The gateway's protective limits.
 *
 * @param requestsPerMinute FUNIT_RATE_LIMIT_PER_MINUTE, the sustained request rate of one principal (per gateway)
 * @param burst FUNIT_RATE_LIMIT_BURST, requests one principal may send at once after a quiet spell
 * @param idempotencyTtl FUNIT_IDEMPOTENCY_TTL_HOURS, how long an Idempotency-Key is remembered
 * @param maxHeaderBytes FUNIT_MAX_HEADER_BYTES, all request headers together; more is a 431
 * @param maxUrlBytes FUNIT_MAX_URL_BYTES, the request line (method, URL, version); more is a 414
 * @param idleTimeout FUNIT_IDLE_TIMEOUT_SECONDS, a connection that sends and receives nothing this long is closed
 */
public record ApiLimits(int requestsPerMinute, int burst, Duration idempotencyTtl, int maxHeaderBytes,
    int maxUrlBytes, Duration idleTimeout) {

  public static ApiLimits from(Settings settings) {
    return new ApiLimits(
        settings.integer("FUNIT_RATE_LIMIT_PER_MINUTE", 600, 1, 1_000_000),
        settings.integer("FUNIT_RATE_LIMIT_BURST", 100, 1, 1_000_000),
        Duration.ofHours(settings.integer("FUNIT_IDEMPOTENCY_TTL_HOURS", 24, 1, 24 * 365)),
        settings.integer("FUNIT_MAX_HEADER_BYTES", 8192, 1024, 1 << 20),
        settings.integer("FUNIT_MAX_URL_BYTES", 4096, 256, 1 << 20),
        // above Prefer: wait's 60 s, during which a waiting translation's connection is silent
        Duration.ofSeconds(settings.integer("FUNIT_IDLE_TIMEOUT_SECONDS", 120, 61, 24 * 3600)));
  }
}
