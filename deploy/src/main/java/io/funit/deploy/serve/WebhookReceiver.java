package io.funit.deploy.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.funit.common.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A webhook endpoint that verifies every delivery's signature with the Standard Webhooks reference library and
 * appends what it took to a log of JSON lines, written and flushed before it answers: a delivery it answered 2xx is
 * in the log even if the process is killed right after.
 */
public final class WebhookReceiver implements AutoCloseable {
  private final HttpServer server;
  private final OutputStream log;
  private final Webhook verifier;

  private WebhookReceiver(HttpServer server, OutputStream log, Webhook verifier) {
    this.server = server;
    this.log = log;
    this.verifier = verifier;
  }

  /** Listens on {@code host:port} at path {@code /hook}, appending to {@code logFile}. */
  public static WebhookReceiver start(String host, int port, String secret, Path logFile) throws IOException {
    if (logFile.getParent() != null) {
      Files.createDirectories(logFile.getParent());
    }
    OutputStream log = Files.newOutputStream(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
    WebhookReceiver receiver = new WebhookReceiver(server, log, new Webhook(secret));
    server.createContext("/hook", receiver::handle);
    server.start();
    return receiver;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, List<String>> headers = new HashMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
    String webhookId = headers.getOrDefault("webhook-id", List.of("")).get(0);
    boolean verified;
    String type = "";
    String jobId = "";
    try {
      verifier.verify(body, headers);
      JsonNode payload = Json.MAPPER.readTree(body);
      type = payload.path("type").asText();
      jobId = payload.path("data").path("id").asText();
      verified = true;
    } catch (Exception e) {
      verified = false;
    }
    int status = verified ? 204 : 400;
    record(new ReceivedWebhook(System.currentTimeMillis(), webhookId, type, jobId, verified, status));
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  private synchronized void record(ReceivedWebhook received) throws IOException {
    log.write((Json.write(received) + "\n").getBytes(StandardCharsets.UTF_8));
    log.flush();
  }

  @Override
  public void close() throws IOException {
    server.stop(0);
    log.close();
  }
}
