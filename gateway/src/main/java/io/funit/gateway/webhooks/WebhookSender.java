package io.funit.gateway.webhooks;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One signed POST of a delivery's body. The host is resolved and checked by the {@link AddressGuard} first, and
 * the request goes to that checked address (Vert.x's {@code RequestOptions.setServer}) while the URL keeps the
 * name for the Host header and TLS, so DNS cannot hand the connection a different, private address. Redirects are
 * not followed (a 3xx is a failed attempt). Blocks the calling thread; callers run it off the event loop.
 */
public final class WebhookSender implements AutoCloseable {
  private final HttpClientAgent client;
  private final TenantSigners signers;
  private final AddressGuard guard;
  private final Duration timeout;
  private final Clock clock;

  WebhookSender(Vertx vertx, TenantSigners signers, AddressGuard guard, Duration timeout, Clock clock) {
    this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) timeout.toMillis())
        .setForceSni(true).setMaxRedirects(0).setKeepAlive(true));
    this.signers = signers;
    this.guard = guard;
    this.timeout = timeout;
    this.clock = clock;
  }

  /**
   * What one attempt got.
   *
   * @param status the HTTP status, 0 when there was no answer
   * @param retryAfter the receiver's Retry-After header, if any
   * @param error why there was no usable answer, or null
   * @param refused the SSRF guard refused the target (no retry helps)
   */
  public record Outcome(Instant at, int status, long durationMillis, Optional<Duration> retryAfter, String error,
      boolean refused) {
    public boolean delivered() {
      return status >= 200 && status < 300;
    }

    Delivery.Attempt attempt(boolean manual) {
      return new Delivery.Attempt(at, status, durationMillis, error, manual);
    }
  }

  public Outcome send(Delivery delivery) {
    Instant at = clock.instant();
    long started = System.nanoTime();
    URI uri;
    InetAddress address;
    try {
      uri = AddressGuard.parse(delivery.url());
      address = guard.resolve(uri).get(0);
    } catch (AddressGuard.RefusedException e) {
      return new Outcome(at, 0, 0, Optional.empty(), "refused: webhook URL " + e.getMessage(), true);
    }
    boolean https = "https".equalsIgnoreCase(uri.getScheme());
    int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
    String timestamp = Long.toString(at.getEpochSecond());
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(uri.toString())
        .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
        .setConnectTimeout(timeout.toMillis()).setIdleTimeout(timeout.toMillis())
        .putHeader("content-type", "application/json")
        .putHeader("user-agent", "funit-webhooks/1")
        .putHeader("webhook-id", delivery.webhookId())
        .putHeader("webhook-timestamp", timestamp)
        .putHeader("webhook-signature", signers.forJob(delivery.jobId())
            .signature(delivery.webhookId(), at.getEpochSecond(), delivery.body()));
    try {
      Answer answer = client.request(options)
          .compose(request -> request.send(Buffer.buffer(delivery.body())))
          .compose(response -> response.body().map(ignored -> new Answer(response.statusCode(),
              response.getHeader("retry-after"))))
          .toCompletionStage().toCompletableFuture()
          .get(timeout.toMillis() * 2 + 1_000, TimeUnit.MILLISECONDS);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      Optional<Duration> retryAfter = BackoffSchedule.retryAfter(answer.retryAfter(), clock.instant());
      String error = answer.status() >= 200 && answer.status() < 300 ? null : "answered " + answer.status();
      return new Outcome(at, answer.status(), millis, retryAfter, error, false);
    } catch (ExecutionException e) {
      return failed(at, started, e.getCause() == null ? e.toString() : e.getCause().toString());
    } catch (TimeoutException e) {
      return failed(at, started, "no answer within " + timeout.toMillis() * 2 + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(at, started, "interrupted");
    }
  }

  private record Answer(int status, String retryAfter) {}

  private static Outcome failed(Instant at, long started, String error) {
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    return new Outcome(at, 0, millis, Optional.empty(), error, false);
  }

  @Override
  public void close() {
    client.close();
  }
}
