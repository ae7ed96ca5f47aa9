package io.funit.deploy.up;

import io.funit.common.auth.NewSecrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/**
 * The embedded stack's own secrets, made once per data directory and kept in files only their owner can read, so
 * that clients (the API key) and webhook receivers (the signing secret) keep working across restarts.
 */
final class SecretFile {
  private SecretFile() {}

  /** The stack's first API key (admin of tenant default). */
  static String apiKey(Path file) throws IOException {
    return readOrCreate(file, NewSecrets::apiKey);
  }

  /** The stack's webhook signing secret. */
  static String webhookSecret(Path file) throws IOException {
    return readOrCreate(file, NewSecrets::webhookSecret);
  }

  static String readOrCreate(Path file, Supplier<String> make) throws IOException {
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
    String secret = make.get();
    Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system
    }
    return secret;
  }
}
