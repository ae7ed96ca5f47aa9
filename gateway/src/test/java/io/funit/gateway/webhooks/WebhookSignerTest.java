package io.funit.gateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {
  // the example of the Standard Webhooks reference libraries' tests
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long TIMESTAMP = 1614265330;
  private static final String BODY = "{\"test\": 2432232314}";

  @Test
  void signsTheSpecExampleAsTheReferenceLibraryDoes() throws Exception {
    String ours = new WebhookSigner(List.of(SECRET)).signature(ID, TIMESTAMP, BODY);
    assertThat(ours).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    assertThat(ours).isEqualTo(new Webhook(SECRET).sign(ID, TIMESTAMP, BODY));
  }

  @Test
  void everyActiveSecretSignsSoReceiversOfEitherVerifyDuringARotation() {
    String next = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
    long now = Instant.now().getEpochSecond();
    String header = new WebhookSigner(List.of(next, SECRET)).signature(ID, now, BODY);
    assertThat(header.split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
    Map<String, List<String>> headers = Map.of("webhook-id", List.of(ID),
        "webhook-timestamp", List.of(Long.toString(now)), "webhook-signature", List.of(header));
    assertThatCode(() -> new Webhook(SECRET).verify(BODY, headers)).doesNotThrowAnyException();
    assertThatCode(() -> new Webhook(next).verify(BODY, headers)).doesNotThrowAnyException();
    assertThatThrownBy(() -> new Webhook(SECRET).verify(BODY + " ", headers)).isInstanceOf(Exception.class);
  }

  @Test
  void refusesSecretsThatAreNotWhsecBase64() {
    assertThatThrownBy(() -> new WebhookSigner(List.of("plain"))).hasMessageContaining("whsec_");
    assertThatThrownBy(() -> new WebhookSigner(List.of("whsec_!!!"))).hasMessageContaining("base64");
    assertThatThrownBy(() -> new WebhookSigner(List.of("whsec_AAAA"))).hasMessageContaining("16 bytes");
  }
}
