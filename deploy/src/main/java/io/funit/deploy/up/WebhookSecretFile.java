package io.funit.deploy.up;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The embedded stack's webhook signing secret ({@code whsec_} + base64 of 32 random bytes): made once per data
 * directory and kept, owner-only, next to the API key, so receivers keep verifying across restarts.
 */
final class WebhookSecretFile {
  private WebhookSecretFile() {}

  static String readOrCreate(Path file) throws IOException {
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    String value = "whsec_" + Base64.getEncoder().encodeToString(secret);
    Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system
    }
    return value;
  }
}
