package io.funit.deploy.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small JSON client of the gateway's API, for commands that drive the product the way users do. */
public final class GatewayClient {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final String apiKey;

  public GatewayClient(String baseUrl, String apiKey) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
  }

  public JsonNode get(String path) throws IOException, InterruptedException {
    return send(request(path).GET(), 200);
  }

  public JsonNode post(String path, Object body, int expected) throws IOException, InterruptedException {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))), expected);
  }

  /**
   * Polls a job resource every {@code poll} until it ends (succeeded, failed or canceled) and returns that state;
   * {@code onPoll} (may be null) sees every state before.
   */
  public JsonNode awaitEnd(String path, Duration timeout, Duration poll,
      java.util.function.Consumer<JsonNode> onPoll) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode state = get(path);
      String status = state.path("status").asText();
      if (status.equals("succeeded") || status.equals("failed") || status.equals("canceled")) {
        return state;
      }
      if (onPoll != null) {
        onPoll.accept(state);
      }
      Thread.sleep(poll.toMillis());
    }
    throw new IllegalStateException(path + " did not finish within " + timeout);
  }

  public String url(String path) {
    return baseUrl + path;
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + apiKey)
        .timeout(Duration.ofSeconds(60));
  }

  private JsonNode send(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expected) {
      throw new IOException("the gateway answered " + response.statusCode() + ": " + response.body());
    }
    return Json.MAPPER.readTree(response.body());
  }
}
