package io.funit.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.funit.common.testing.Infra;
import io.funit.common.testing.InfraExtension;
import io.funit.gateway.Gateway;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two gateways behind one address (a load balancer): a client that submits to one and asks the other for the job at
 * once finds it, and an id no gateway accepted is still a 404.
 */
@ExtendWith(InfraExtension.class)
class ReadAfterOtherGatewayIT {
  private static final int JOBS = 100;

  @Test
  void aJobAcceptedByOneGatewayIsFoundAtTheOtherAtOnce(Infra infra) throws Exception {
    try (TestStack stack = new TestStack(infra, Map.of())) {
      Gateway submitTo = stack.startGateway();
      Gateway askAt = stack.startGateway();
      List<String> notFound = new ArrayList<>();
      for (int i = 0; i < JOBS; i++) {
        TestStack.Response accepted = stack.postTo(submitTo, "/v1/jobs/probe", "{\"steps\": 1, \"step_millis\": 1}");
        assertThat(accepted.status()).isEqualTo(202);
        String id = accepted.json().get("id").asText();
        TestStack.Response asked = stack.getFrom(askAt, "/v1/jobs/" + id);
        if (asked.status() != 200) {
          notFound.add(id + ": " + asked.status());
        }
      }
      assertThat(notFound).isEmpty();

      String unknown = UUID.randomUUID().toString();
      long started = System.nanoTime();
      TestStack.Response missing = stack.getFrom(askAt, "/v1/jobs/" + unknown);
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.contentType()).startsWith("application/problem+json");
      assertThat((System.nanoTime() - started) / 1e9).as("seconds to a true 404").isLessThan(5.0);
    }
  }
}
