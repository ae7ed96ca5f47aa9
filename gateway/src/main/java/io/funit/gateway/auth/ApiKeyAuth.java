package io.funit.gateway.auth;

import io.funit.gateway.problem.Problem;
import io.funit.gateway.problem.ProblemException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;

/**
 * Requires a configured API key as {@code Authorization: Bearer <key>} (or {@code X-API-Key}). Keys are
 * compared as SHA-256 digests in constant time, so neither timing nor a heap dump of the comparison leaks them.
 */
public final class ApiKeyAuth implements Handler<RoutingContext> {
  private final List<byte[]> keyDigests;

  public ApiKeyAuth(Set<String> apiKeys) {
    if (apiKeys.isEmpty()) {
      throw new IllegalArgumentException("FUNIT_API_KEYS must name at least one API key");
    }
    this.keyDigests = apiKeys.stream().map(ApiKeyAuth::digest).toList();
  }

  @Override
  public void handle(RoutingContext ctx) {
    String presented = presentedKey(ctx);
    if (presented == null) {
      ctx.fail(new ProblemException(Problem.of(401, "unauthorized", "Unauthorized",
          "send an API key as 'Authorization: Bearer <key>'")));
      return;
    }
    byte[] digest = digest(presented);
    boolean known = false;
    for (byte[] key : keyDigests) {
      known |= MessageDigest.isEqual(key, digest);
    }
    if (!known) {
      ctx.fail(new ProblemException(Problem.of(401, "unauthorized", "Unauthorized", "the API key is not valid")));
      return;
    }
    ctx.put(Principal.CONTEXT_KEY, Principal.fromKeyDigest(digest));
    ctx.next();
  }

  private static String presentedKey(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).trim();
    }
    return ctx.request().getHeader("X-API-Key");
  }

  private static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
