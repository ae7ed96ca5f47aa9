package io.funit.gateway.limits;

import io.funit.common.json.Json;
import io.funit.gateway.problem.Problem;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.TimeUnit;

/**
 * Limits the HTTP server enforces before any route runs: header size, request-line length and idle connections.
 * Vert.x rejects an oversized head while decoding it, outside the router, so {@link #invalidRequests} writes the
 * problem document itself (its default answer is an empty 431/414/400).
 */
public final class ServerLimits {
  private ServerLimits() {}

  /**
   * Header and URL bounds, and an idle timeout: a client that stops sending (a stalled upload, a half-open
   * connection, a slow-loris head) is disconnected after it; Vert.x has no separate deadline for the whole body.
   */
  public static HttpServerOptions options(ApiLimits limits) {
    return new HttpServerOptions()
        .setMaxHeaderSize(limits.maxHeaderBytes())
        .setMaxInitialLineLength(limits.maxUrlBytes())
        // no cleartext HTTP/2 upgrade: the JDK client's h2c upgrade of a GET intermittently got an HTTP/1.1 answer
        // on the upgraded connection (a protocol error in OpenApiIT); HTTP/2 belongs to the TLS proxy in front, and
        // HTTP/1.1 keeps the header limits above the only ones
        .setHttp2ClearTextEnabled(false)
        .setIdleTimeout((int) limits.idleTimeout().toSeconds())
        .setIdleTimeoutUnit(TimeUnit.SECONDS);
  }

  /** Answers a request Vert.x could not decode with a problem document, then closes the connection. */
  public static Handler<HttpServerRequest> invalidRequests(ApiLimits limits) {
    return request -> {
      Throwable cause = request.decoderResult().cause();
      Problem problem;
      if (cause instanceof TooLongHttpHeaderException) {
        problem = Problem.of(431, "headers-too-large", "Request header fields too large", "the request headers "
            + "exceed " + limits.maxHeaderBytes() + " bytes (FUNIT_MAX_HEADER_BYTES)");
      } else if (cause instanceof TooLongHttpLineException) {
        problem = Problem.of(414, "uri-too-long", "URI too long", "the request line exceeds "
            + limits.maxUrlBytes() + " bytes (FUNIT_MAX_URL_BYTES)");
      } else {
        problem = Problem.of(400, "bad-request", "Bad request", "the request could not be decoded: "
            + (cause == null ? "malformed" : cause.getMessage()));
      }
      request.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE)
          .putHeader("Connection", "close").end(Json.write(problem))
          .onComplete(done -> request.connection().close());
    };
  }
}
