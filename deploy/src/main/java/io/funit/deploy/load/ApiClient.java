package io.funit.deploy.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client host's view of the API: requests go to the gateways in turn, as behind a load balancer, and one a
 * gateway can't take (connection refused, reset) goes to the next. Every answer is counted in {@link Answers},
 * so a scenario can say what clients saw while a dependency was down.
 */
public final class ApiClient {
  /** How long a client waits for an answer before it calls the request hung. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(40);

  private final List<String> gateways;
  private final String apiKey;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
      .version(HttpClient.Version.HTTP_1_1).build();
  private final AtomicInteger next = new AtomicInteger();
  private final Answers answers = new Answers();

  public ApiClient(List<String> gatewayUrls, String apiKey) {
    this.gateways = List.copyOf(gatewayUrls);
    this.apiKey = apiKey;
  }

  public Answers answers() {
    return answers;
  }

  /** What came back: status, headers and body, or status 0 when no gateway answered. */
  public record Reply(int status, String body, Map<String, List<String>> headers, long millis, String error) {
    public JsonNode json() {
      try {
        return Json.MAPPER.readTree(body);
      } catch (IOException e) {
        return Json.MAPPER.createObjectNode();
      }
    }

    public boolean ok() {
      return status / 100 == 2;
    }

    /** One line for a report: the status, or the error when nothing came back. */
    public String describe() {
      return status == 0 ? "no answer: " + error : status + " after " + millis + " ms";
    }
  }

  /**
   * Sends {@code body} to one gateway at {@code bytesPerSecond}, so that a scenario can act while the upload is in
   * flight; no other gateway is tried.
   */
  public Reply postSlowly(String gateway, String path, byte[] body, String contentType, Map<String, String> headers,
      int bytesPerSecond) {
    long started = System.nanoTime();
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(REQUEST_TIMEOUT)
        .header("Authorization", "Bearer " + apiKey).header("Content-Type", contentType);
    headers.forEach(builder::header);
    builder.POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
        () -> new ThrottledStream(body, bytesPerSecond)), body.length));
    try {
      HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      Reply reply = new Reply(response.statusCode(), response.body(), response.headers().map(),
          (System.nanoTime() - started) / 1_000_000, null);
      answers.count(reply);
      return reply;
    } catch (IOException e) {
      return new Reply(0, "", Map.of(), (System.nanoTime() - started) / 1_000_000, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Reply(0, "", Map.of(), 0, "interrupted");
    }
  }

  /** A body that trickles out: a tenth of the rate every 100 ms. */
  private static final class ThrottledStream extends java.io.InputStream {
    private final byte[] body;
    private final int chunk;
    private int position;

    ThrottledStream(byte[] body, int bytesPerSecond) {
      this.body = body;
      this.chunk = Math.max(1, bytesPerSecond / 10);
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (position >= body.length) {
        return -1;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
      int n = Math.min(Math.min(length, chunk), body.length - position);
      System.arraycopy(body, position, buffer, offset, n);
      position += n;
      return n;
    }
  }

  public Reply get(String path) {
    return send(path, builder -> builder.GET());
  }

  public Reply postJson(String path, String json, Map<String, String> headers) {
    return send(path, builder -> {
      headers.forEach(builder::header);
      return builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    });
  }

  public Reply postBytes(String path, byte[] body, String contentType, Map<String, String> headers) {
    return send(path, builder -> {
      headers.forEach(builder::header);
      return builder.header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    });
  }

  private Reply send(String path, java.util.function.UnaryOperator<HttpRequest.Builder> method) {
    long started = System.nanoTime();
    String lastError = null;
    boolean timedOut = false;
    for (int tries = 0; tries < gateways.size(); tries++) {
      String gateway = gateways.get(Math.floorMod(next.getAndIncrement(), gateways.size()));
      HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(REQUEST_TIMEOUT)
          .header("Authorization", "Bearer " + apiKey);
      try {
        HttpResponse<String> response = http.send(method.apply(builder).build(), HttpResponse.BodyHandlers.ofString());
        Reply reply = new Reply(response.statusCode(), response.body(), response.headers().map(),
            (System.nanoTime() - started) / 1_000_000, null);
        answers.count(reply);
        return reply;
      } catch (HttpTimeoutException e) {
        // a gateway that took the request and never answered: that is a hang, not a refused connection
        timedOut = true;
        lastError = "timed out after " + REQUEST_TIMEOUT.toSeconds() + " s at " + gateway;
        break;
      } catch (IOException e) {
        lastError = e + " at " + gateway;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        lastError = "interrupted";
        break;
      }
    }
    Reply failed = new Reply(0, "", Map.of(), (System.nanoTime() - started) / 1_000_000, lastError);
    answers.countFailure(failed, timedOut);
    return failed;
  }

  /** Counts of what clients got back. */
  public static final class Answers {
    private final Map<String, AtomicInteger> byStatus = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final AtomicInteger unavailableWithRetryAfter = new AtomicInteger();
    private final AtomicInteger unavailableWithoutRetryAfter = new AtomicInteger();
    private final AtomicInteger hung = new AtomicInteger();
    private final AtomicInteger unreachable = new AtomicInteger();
    private volatile long slowestMillis;

    public void count(Reply reply) {
      byStatus.computeIfAbsent(Integer.toString(reply.status()), s -> new AtomicInteger()).incrementAndGet();
      if (reply.status() == 503) {
        (reply.headers().containsKey("retry-after") ? unavailableWithRetryAfter : unavailableWithoutRetryAfter)
            .incrementAndGet();
      }
      slowestMillis = Math.max(slowestMillis, reply.millis());
    }

    public void countFailure(Reply reply, boolean timedOut) {
      (timedOut ? hung : unreachable).incrementAndGet();
      slowestMillis = Math.max(slowestMillis, reply.millis());
    }

    public Map<String, Object> summary() {
      Map<String, Object> summary = new java.util.LinkedHashMap<>();
      Map<String, Integer> statuses = new java.util.LinkedHashMap<>();
      byStatus.forEach((status, n) -> statuses.put(status, n.get()));
      summary.put("by_status", statuses);
      summary.put("unavailable_with_retry_after", unavailableWithRetryAfter.get());
      summary.put("unavailable_without_retry_after", unavailableWithoutRetryAfter.get());
      summary.put("hung", hung.get());
      summary.put("no_gateway_reachable", unreachable.get());
      summary.put("slowest_ms", slowestMillis);
      return summary;
    }

    public int hung() {
      return hung.get();
    }

    public int unavailableWithoutRetryAfter() {
      return unavailableWithoutRetryAfter.get();
    }
  }
}
