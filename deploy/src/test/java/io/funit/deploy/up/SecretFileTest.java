package io.funit.deploy.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {
  @TempDir Path dir;

  @Test
  void eachSecretIsMadeOnceOwnerOnlyAnd32RandomBytes() throws Exception {
    String key = SecretFile.apiKey(dir.resolve("api-key"));
    String secret = SecretFile.webhookSecret(dir.resolve("webhook-secret"));

    assertThat(SecretFile.apiKey(dir.resolve("api-key"))).isEqualTo(key);
    assertThat(SecretFile.webhookSecret(dir.resolve("webhook-secret"))).isEqualTo(secret);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("api-key"))))
        .isEqualTo("rw-------");
    assertThat(key).startsWith("fk_");
    assertThat(Base64.getUrlDecoder().decode(key.substring(3))).hasSize(32);
    assertThat(secret).startsWith("whsec_");
    assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
    assertThat(SecretFile.apiKey(dir.resolve("other"))).isNotEqualTo(key);
  }
}
