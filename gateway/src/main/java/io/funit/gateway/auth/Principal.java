package io.funit.gateway.auth;

import io.vertx.ext.web.RoutingContext;
import java.util.HexFormat;

/**
 * Who a request acts for, as set by {@link ApiKeyAuth}.
 *
 * @param keyId {@code key-<first 16 hex digits of the key's SHA-256>}: names the key without revealing it, so it may
 *     be stored and logged. Idempotency keys and rate limits are scoped by it (one client's retries and bursts
 *     never collide with another key of the same tenant).
 * @param tenant the tenant the key belongs to; everything the request creates is owned by it, and only what it
 *     owns (plus public things such as the shipped model) is visible to it
 * @param admin an operator's key: sees and manages every tenant's resources
 */
public record Principal(String keyId, String tenant, boolean admin) {
  static final String CONTEXT_KEY = "funit.principal";

  /** The principal of an authenticated request; routes under {@code /v1} always have one. */
  public static Principal of(RoutingContext ctx) {
    Principal principal = ctx.get(CONTEXT_KEY);
    if (principal == null) {
      throw new IllegalStateException("no principal: the route is not behind ApiKeyAuth");
    }
    return principal;
  }

  /** Whether this principal may see something owned by {@code owner}: its own tenant's, or anything for an admin. */
  public boolean sees(String owner) {
    return admin || tenant.equals(owner);
  }

  static String keyId(byte[] sha256) {
    return "key-" + HexFormat.of().formatHex(sha256, 0, 8);
  }
}
