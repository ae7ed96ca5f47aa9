package io.funit.gateway.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintTest {
  @Test
  void sameParts_sameFingerprint_differentSplit_differentFingerprint() {
    assertThat(new Fingerprint().text("POST").text("/v1/jobs/probe").hex())
        .isEqualTo(new Fingerprint().text("POST").text("/v1/jobs/probe").hex());
    assertThat(new Fingerprint().text("ab").text("c").hex()).isNotEqualTo(new Fingerprint().text("a").text("bc").hex());
    assertThat(new Fingerprint().text(null).hex()).isNotEqualTo(new Fingerprint().text("").hex());
  }

  @Test
  void fileContentCountsLikeTheSameBytes(@TempDir Path dir) throws Exception {
    Path file = Files.write(dir.resolve("a.bin"), new byte[] {1, 2, 3});
    assertThat(new Fingerprint().file(file).hex()).isEqualTo(new Fingerprint().bytes(new byte[] {1, 2, 3}).hex());
    Path other = Files.write(dir.resolve("b.bin"), new byte[] {1, 2, 4});
    assertThat(new Fingerprint().file(other).hex()).isNotEqualTo(new Fingerprint().file(file).hex());
  }

  @Test
  void keySyntax() {
    assertThat(IdempotencyKeys.valid("order-42 retry")).isTrue();
    assertThat(IdempotencyKeys.valid("")).isFalse();
    assertThat(IdempotencyKeys.valid("x".repeat(256))).isFalse();
    assertThat(IdempotencyKeys.valid("tab\there")).isFalse();
    assertThat(IdempotencyKeys.valid("é")).isFalse();
  }
}
