package io.funit.gateway.problem;

import io.funit.common.contract.InvalidRequestException;
import io.funit.common.json.Json;
import io.funit.common.storage.StorageUnavailableException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one failure handler: turns whatever failed a request into an {@code application/problem+json} response. */
public final class ProblemHandler implements Handler<RoutingContext> {
  /**
   * What a 503 tells clients to wait before they try again: a dependency (Kafka, the object store) is down, and
   * clients that come back at once only add load to the recovery.
   */
  static final String RETRY_AFTER_SECONDS = "5";
  private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

  @Override
  public void handle(RoutingContext ctx) {
    Problem problem = toProblem(ctx);
    HttpServerResponse response = ctx.response();
    if (response.ended()) {
      return;
    }
    if (response.headWritten()) {
      response.reset();
      return;
    }
    if (problem.status() == 401) {
      response.putHeader("WWW-Authenticate", "Bearer realm=\"funit\"");
    }
    if (problem.status() == 503 && response.headers().get("Retry-After") == null) {
      response.putHeader("Retry-After", RETRY_AFTER_SECONDS);
    }
    response.setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE).end(Json.write(problem));
  }

  static Problem toProblem(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ProblemException p) {
      return p.problem();
    }
    if (failure instanceof InvalidRequestException invalid) {
      return ProblemException.invalid(invalid.field(), invalid.getMessage()).problem();
    }
    if (failure instanceof io.funit.common.jobs.JobConflictException conflict) {
      return ProblemException.conflict(conflict.getMessage()).problem();
    }
    if (StorageUnavailableException.in(failure)) {
      return ProblemException.unavailable("the object store is unavailable; try again later").problem();
    }
    int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
    return switch (status) {
      case 404 -> Problem.of(404, "not-found", "Not found", "no route for " + ctx.request().method() + " "
          + ctx.request().path());
      case 405 -> Problem.of(405, "method-not-allowed", "Method not allowed", ctx.request().method()
          + " is not allowed on " + ctx.request().path());
      case 413 -> Problem.of(413, "payload-too-large", "Payload too large", "the request body exceeds the limit");
      case 415 -> Problem.of(415, "unsupported-media-type", "Unsupported media type", "this route does not accept "
          + ctx.request().getHeader("Content-Type"));
      case 400 -> Problem.of(400, "bad-request", "Bad request", failure == null ? "bad request" : failure.getMessage());
      default -> {
        LOG.error("request {} {} failed", ctx.request().method(), ctx.request().path(), failure);
        yield Problem.of(status, "internal", "Internal error", "the gateway failed to handle the request; see its log");
      }
    };
  }
}
