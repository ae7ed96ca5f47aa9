package io.funit.gateway.auth;

import io.funit.gateway.problem.Problem;
import io.funit.gateway.problem.ProblemException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Requires a known API key as {@code Authorization: Bearer <key>} (or {@code X-API-Key}) and puts the key's
 * {@link Principal} (key id, tenant, role) on the request. Keys come from a {@link KeyRing}, which holds digests
 * only.
 */
public final class ApiKeyAuth implements Handler<RoutingContext> {
  private final KeyRing keys;

  public ApiKeyAuth(KeyRing keys) {
    if (!keys.configured()) {
      throw new IllegalArgumentException("FUNIT_API_KEYS or FUNIT_API_KEYS_FILE must provide API keys");
    }
    this.keys = keys;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String presented = presentedKey(ctx);
    if (presented == null) {
      ctx.fail(new ProblemException(Problem.of(401, "unauthorized", "Unauthorized",
          "send an API key as 'Authorization: Bearer <key>'")));
      return;
    }
    Optional<Principal> principal = keys.principal(presented);
    if (principal.isEmpty()) {
      ctx.fail(new ProblemException(Problem.of(401, "unauthorized", "Unauthorized", "the API key is not valid")));
      return;
    }
    ctx.put(Principal.CONTEXT_KEY, principal.get());
    ctx.next();
  }

  private static String presentedKey(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).trim();
    }
    return ctx.request().getHeader("X-API-Key");
  }
}
