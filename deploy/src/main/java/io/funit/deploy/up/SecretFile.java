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
    try {
      // owner-only from its creation: no moment in which others could read it
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    }
    Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
    return secret;
  }
}
