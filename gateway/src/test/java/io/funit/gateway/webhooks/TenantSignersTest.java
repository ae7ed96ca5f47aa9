package io.funit.gateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each tenant's messages are signed with its own secrets when it has some, else with the deployment's. */
class TenantSignersTest {
  private static final String DEPLOYMENT = secret(1);
  private static final String ACME_OLD = secret(2);
  private static final String ACME_NEW = secret(3);

  @Test
  void aTenantsOwnSecretsSignItsJobsAndOnlyThose() throws Exception {
    WebhookSettings settings = new WebhookSettings(List.of(DEPLOYMENT), false, 1, Duration.ofSeconds(1),
        TenantSigners.parse("acme=" + ACME_NEW + " " + ACME_OLD));
    TenantSigners signers = new TenantSigners(settings, job -> job.startsWith("acme-") ? "acme" : "other");
    long now = System.currentTimeMillis() / 1000;
    String body = "{\"type\":\"job.completed\"}";

    String acme = signers.forJob("acme-1").signature("msg_1", now, body);
    new Webhook(ACME_OLD).verify(body, headers("msg_1", now, acme)); // rotation: both acme secrets verify
    new Webhook(ACME_NEW).verify(body, headers("msg_1", now, acme));
    assertThatThrownBy(() -> new Webhook(DEPLOYMENT).verify(body, headers("msg_1", now, acme)))
        .as("another tenant's receivers cannot verify acme's messages").isInstanceOf(Exception.class);

    String other = signers.forJob("other-1").signature("msg_2", now, body);
    new Webhook(DEPLOYMENT).verify(body, headers("msg_2", now, other));
    assertThatThrownBy(() -> new Webhook(ACME_NEW).verify(body, headers("msg_2", now, other)))
        .isInstanceOf(Exception.class);
  }

  @Test
  void badTenantSecretsStopTheGatewayAtStart() {
    assertThatThrownBy(() -> TenantSigners.parse("acme")).hasMessageContaining("tenant=whsec_");
    assertThatThrownBy(() -> TenantSigners.parse("acme=nope")).hasMessageContaining("whsec_");
    assertThatThrownBy(() -> TenantSigners.parse("Acme!=" + DEPLOYMENT)).hasMessageContaining("tenant");
    assertThat(TenantSigners.parse(" ; acme=" + ACME_OLD + " ;")).containsOnlyKeys("acme");
  }

  private static Map<String, List<String>> headers(String id, long timestamp, String signature) {
    return Map.of("webhook-id", List.of(id), "webhook-timestamp", List.of(Long.toString(timestamp)),
        "webhook-signature", List.of(signature));
  }

  private static String secret(int seed) {
    byte[] key = new byte[24];
    java.util.Arrays.fill(key, (byte) seed);
    return "whsec_" + Base64.getEncoder().encodeToString(key);
  }
}
