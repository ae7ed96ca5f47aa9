package io.funit.deploy.up;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** The embedded stack's API key: made once per data directory, kept in a file only its owner can read. */
final class ApiKeyFile {
  private ApiKeyFile() {}

  static String readOrCreate(Path file) throws IOException {
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
    byte[] secret = new byte[24];
    new SecureRandom().nextBytes(secret);
    String key = "fk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system
    }
    return key;
  }
}
