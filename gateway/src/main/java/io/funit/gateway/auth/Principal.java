package io.funit.gateway.auth;

import io.vertx.ext.web.RoutingContext;
import java.util.HexFormat;

/**
 * Who a request acts for, as set by {@link ApiKeyAuth}: {@code key-<first 16 hex digits of the key's SHA-256>}.
 * Idempotency keys and rate limits are scoped by it. It names the key without revealing it, so it may be stored and
 * logged; when tenants arrive, a tenant id replaces it here and everything scoped by it follows.
 */
public final class Principal {
  static final String CONTEXT_KEY = "funit.principal";

  private Principal() {}

  /** The principal of an authenticated request; routes under {@code /v1} always have one. */
  public static String of(RoutingContext ctx) {
    String principal = ctx.get(CONTEXT_KEY);
    if (principal == null) {
      throw new IllegalStateException("no principal: the route is not behind ApiKeyAuth");
    }
    return principal;
  }

  static String fromKeyDigest(byte[] sha256) {
    return "key-" + HexFormat.of().formatHex(sha256, 0, 8);
  }
}
