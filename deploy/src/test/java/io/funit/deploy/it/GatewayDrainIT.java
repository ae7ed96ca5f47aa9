package io.funit.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.embedded.FreePorts;
import io.funit.common.json.Json;
import io.funit.common.testing.Infra;
import io.funit.common.testing.InfraExtension;
import io.funit.gateway.GatewayMain;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real gateway process told to stop (SIGTERM): /readyz answers 503 at once, requests are still served for
 * FUNIT_GATEWAY_DRAIN_DELAY_MS (while load balancers take it out), then it exits cleanly.
 */
@ExtendWith(InfraExtension.class)
class GatewayDrainIT {
  private static final long DRAIN_DELAY_MILLIS = 3_000;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  @Test
  void sigtermMakesTheGatewayNotReadyWhileItServesOutItsDrainDelay(Infra infra, @TempDir Path dir)
      throws Exception {
    try (TestStack stack = new TestStack(infra, Map.of())) {
      int port = FreePorts.pick();
      Process gateway = ServiceProcesses.start(stack, GatewayMain.class, "gateway-1", dir, Map.of(
          "FUNIT_GATEWAY_PORT", Integer.toString(port), "FUNIT_GATEWAY_DRAIN_DELAY_MS",
          Long.toString(DRAIN_DELAY_MILLIS)), dir.resolve("gateway.log").toFile(), null);
      try {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
            .until(() -> get(port, "/readyz").statusCode() == 200);

        long signalled = System.nanoTime();
        gateway.destroy(); // SIGTERM
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
            .until(() -> get(port, "/readyz").statusCode() == 503);
        JsonNode ready = Json.MAPPER.readTree(get(port, "/readyz").body());
        assertThat(ready.path("checks").path("drain").asText()).startsWith("draining");
        assertThat(get(port, "/healthz").statusCode()).isEqualTo(200);
        HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/v1/jobs/probe"))
            .header("Authorization", "Bearer " + TestStack.API_KEY).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"steps\": 1}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(submitted.statusCode()).as("served during the drain delay: " + submitted.body()).isEqualTo(202);

        assertThat(gateway.waitFor(DRAIN_DELAY_MILLIS + 30_000, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isGreaterThan(Duration.ofMillis(DRAIN_DELAY_MILLIS));
        assertThat(gateway.exitValue()).isEqualTo(143);
      } finally {
        gateway.destroyForcibly();
      }
    }
  }

  private HttpResponse<String> get(int port, String path) throws InterruptedException {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
