package io.funit.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.funit.common.testing.Infra;
import io.funit.common.testing.InfraExtension;
import io.funit.gateway.Gateway;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A gateway told to stop answers /readyz with 503 at once and keeps serving requests until it closes. */
@ExtendWith(InfraExtension.class)
class GatewayDrainIT {
  @Test
  void drainingGatewayIsNotReadyButStillServes(Infra infra) throws Exception {
    try (TestStack stack = new TestStack(infra, Map.of())) {
      Gateway gateway = stack.startGateway();
      await().atMost(Duration.ofSeconds(30)).until(() -> stack.get("/readyz").status() == 200);

      gateway.startDraining();
      TestStack.Response ready = stack.get("/readyz");
      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.json().path("checks").path("drain").asText()).startsWith("draining");
      assertThat(ready.json().path("checks").path("kafka").asText()).isEqualTo("ok");
      assertThat(stack.get("/healthz").status()).isEqualTo(200);
      assertThat(stack.post("/v1/jobs/probe", "{\"steps\": 1}").status()).as("requests in the drain delay")
          .isEqualTo(202);
    }
  }
}
