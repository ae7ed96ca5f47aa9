package io.funit.gateway.limits;

import io.funit.gateway.auth.Principal;
import io.funit.gateway.problem.Problem;
import io.funit.gateway.problem.ProblemException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per API key (principal key id), in this gateway's memory: N gateways behind a balancer allow N times the rate.
 * Every answer carries {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset} (the
 * IETF httpapi RateLimit header fields draft, the separate-fields form that clients and proxies widely parse) and
 * {@code RateLimit-Policy}; a refused request is a 429 problem with {@code Retry-After}.
 * Key ids come from the configured keys (plain and keys file), so the map is bounded without eviction.
 */
public final class RateLimitHandler implements Handler<RoutingContext> {
  private final ApiLimits limits;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final String policy;
  private final io.micrometer.core.instrument.Counter refused;

  public RateLimitHandler(ApiLimits limits, io.micrometer.core.instrument.MeterRegistry metrics) {
    this.limits = limits;
    this.refused = io.micrometer.core.instrument.Counter.builder("funit.requests.refused")
        .description("Requests refused with a 429, by reason").tag("reason", "rate-limited").register(metrics);
    this.policy = limits.burst() + ";w=60;burst=" + limits.burst() + ";rate=" + limits.requestsPerMinute();
  }

  @Override
  public void handle(RoutingContext ctx) {
    long now = System.nanoTime();
    TokenBucket bucket = buckets.computeIfAbsent(Principal.of(ctx).keyId(),
        p -> new TokenBucket(limits.burst(), limits.requestsPerMinute(), now));
    TokenBucket.Decision decision = bucket.take(now);
    ctx.response()
        .putHeader("RateLimit-Limit", Integer.toString(decision.limit()))
        .putHeader("RateLimit-Remaining", Integer.toString(decision.remaining()))
        .putHeader("RateLimit-Reset", Long.toString(decision.resetSeconds()))
        .putHeader("RateLimit-Policy", policy);
    if (!decision.allowed()) {
      refused.increment();
      ctx.response().putHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
      ctx.fail(new ProblemException(Problem.of(429, "rate-limited", "Too many requests", "more than "
          + limits.requestsPerMinute() + " requests a minute (bursts of " + limits.burst() + ") with this API key; "
          + "retry after " + decision.retryAfterSeconds() + " s")));
      return;
    }
    ctx.next();
  }
}
