package io.funit.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.json.Json;
import io.funit.gateway.problem.ProblemException;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;

/** Reading JSON request bodies and writing JSON responses, the same way on every route. */
public final class HttpJson {
  private HttpJson() {}

  /** The body as a JSON tree; a missing or malformed body is a 400 naming the field {@code body}. */
  public static JsonNode body(RoutingContext ctx) {
    if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().length() <= 0) {
      throw ProblemException.badRequest("body", "a JSON object is required");
    }
    try {
      return Json.MAPPER.readTree(ctx.body().buffer().getBytes());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw ProblemException.badRequest("body", "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ProblemException.badRequest("body", "cannot read the body: " + e.getMessage());
    }
  }

  /**
   * Runs blocking work (object store, Kafka sends) on the worker pool, unordered: Vert.x orders blocking tasks of
   * one context by default, and the gateway has one, so a 2 GiB upload would hold up every other request.
   */
  public static <T> io.vertx.core.Future<T> blocking(io.vertx.core.Vertx vertx, java.util.concurrent.Callable<T> work) {
    return vertx.executeBlocking(work, false);
  }

  /** Runs a request parse; an {@link io.funit.common.contract.InvalidRequestException} becomes a 400 naming its field. */
  public static <T> T parse(java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (io.funit.common.contract.InvalidRequestException e) {
      throw ProblemException.badRequest(e.field(), e.reason());
    }
  }

  /** Where {@link #write} leaves the JSON it wrote, for handlers that keep the answer (idempotency replays). */
  public static final String WRITTEN_BODY = "funit.writtenBody";

  /**
   * Answers with a small stored object read in one GET, off the event loop; absent is a 404 with {@code missing}.
   *
   * @param cacheControl the Cache-Control value, or null for none
   */
  public static void serveStored(io.vertx.core.Vertx vertx, RoutingContext ctx, io.funit.common.storage.ObjectStore store,
      String key, int maxBytes, String contentType, String cacheControl, String missing) {
    blocking(vertx, () -> store.readIfPresent(key, maxBytes).orElseThrow(() -> ProblemException.notFound(missing)))
        .onSuccess(bytes -> {
          ctx.response().putHeader("Content-Type", contentType);
          if (cacheControl != null) {
            ctx.response().putHeader("Cache-Control", cacheControl);
          }
          ctx.response().end(io.vertx.core.buffer.Buffer.buffer(bytes));
        })
        .onFailure(ctx::fail);
  }

  public static void write(RoutingContext ctx, int status, Object body) {
    String json = Json.write(body);
    ctx.put(WRITTEN_BODY, json);
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(json);
  }
}
