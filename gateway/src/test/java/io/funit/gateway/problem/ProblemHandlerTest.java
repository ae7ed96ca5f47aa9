package io.funit.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.funit.common.storage.StorageUnavailableException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What clients get when a dependency is down: a 503 problem that says when to come back, never a 500. */
class ProblemHandlerTest {
  private static Vertx vertx;
  private static HttpServer server;

  @BeforeAll
  static void serve() throws Exception {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.get("/store-down").handler(ctx -> ctx.fail(new IllegalStateException("reading the model card",
        new StorageUnavailableException("stat funit/models/x/card.json failed: connect timed out", null))));
    router.get("/kafka-down").handler(ctx -> ctx.fail(ProblemException.unavailable("could not be enqueued")));
    router.get("/bug").handler(ctx -> ctx.fail(new IllegalStateException("a bug")));
    router.route().failureHandler(new ProblemHandler());
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage()
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + server.actualPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anUnreachableStoreIsA503WithRetryAfterEvenWhenWrapped() throws Exception {
    HttpResponse<String> response = get("/store-down");
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue(ProblemHandler.RETRY_AFTER_SECONDS);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(Problem.MEDIA_TYPE);
    assertThat(response.body()).contains("object store is unavailable");
  }

  @Test
  void every503SaysWhenToComeBackAndOtherFailuresDoNot() throws Exception {
    assertThat(get("/kafka-down").headers().firstValue("Retry-After")).hasValue(ProblemHandler.RETRY_AFTER_SECONDS);
    HttpResponse<String> bug = get("/bug");
    assertThat(bug.statusCode()).isEqualTo(500);
    assertThat(bug.headers().firstValue("Retry-After")).isEmpty();
  }
}
