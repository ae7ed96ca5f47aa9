package io.funit.common.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.funit.common.json.Json;
import io.funit.common.metrics.ProcessMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's HTTP port for orchestrators and scrapers: {@code /healthz} (alive: its poll loops turn),
 * {@code /readyz} ({@link Readiness}) and {@code /metrics} (Prometheus text). The JDK's own HTTP server: workers
 * run no web framework, and three GET routes need none.
 */
public final class HealthServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HealthServer.class);

  /** The paths a worker serves: liveness, readiness, metrics (deployments probe these). */
  public static final String LIVENESS = "/healthz";
  public static final String READINESS = "/readyz";
  public static final String METRICS = "/metrics";

  private final HttpServer server;

  private HealthServer(HttpServer server) {
    this.server = server;
  }

  /**
   * Listens on {@code host:port} (port 0: any free one).
   *
   * @param alive whether the process's work loops still turn
   */
  public static HealthServer start(String host, int port, BooleanSupplier alive, Readiness readiness,
      ProcessMetrics metrics) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 16);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serve health and metrics on " + host + ":" + port + " ("
          + e.getMessage() + "): set FUNIT_WORKER_HTTP_PORT to a free port, or 0 for any", e);
    }
    server.createContext(LIVENESS, exchange -> {
      boolean ok = alive.getAsBoolean();
      json(exchange, ok ? 200 : 503, Map.of("status", ok ? "ok" : "a work loop has stopped turning"));
    });
    server.createContext(READINESS, exchange -> {
      Readiness.Report report = readiness.check();
      json(exchange, report.ready() ? 200 : 503, Map.of("status", report.ready() ? "ready" : "not ready",
          "checks", report.checks()));
    });
    server.createContext(METRICS, exchange -> {
      if (onlyGet(exchange)) {
        send(exchange, 200, ProcessMetrics.CONTENT_TYPE, metrics.scrape().getBytes(StandardCharsets.UTF_8));
      }
    });
    // a few threads: a liveness probe must not wait behind a slow readiness check or scrape
    server.setExecutor(Executors.newFixedThreadPool(4, r -> {
      Thread thread = new Thread(r, "health-http");
      thread.setDaemon(true);
      return thread;
    }));
    server.start();
    return new HealthServer(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void json(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
    if (onlyGet(exchange)) {
      send(exchange, status, "application/json", Json.write(body).getBytes(StandardCharsets.UTF_8));
    }
  }

  private static boolean onlyGet(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestURI().getPath().equals(exchange.getHttpContext().getPath())) {
      send(exchange, 404, "text/plain", "not found\n".getBytes(StandardCharsets.UTF_8));
      return false;
    }
    if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
      exchange.getResponseHeaders().add("Allow", "GET, HEAD");
      send(exchange, 405, "text/plain", "method not allowed\n".getBytes(StandardCharsets.UTF_8));
      return false;
    }
    return true;
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().add("Content-Type", contentType);
      boolean head = exchange.getRequestMethod().equals("HEAD");
      exchange.sendResponseHeaders(status, head ? -1 : body.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    } catch (IOException e) {
      LOG.debug("health answer not sent: {}", e.toString()); // the prober went away
      throw e;
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
