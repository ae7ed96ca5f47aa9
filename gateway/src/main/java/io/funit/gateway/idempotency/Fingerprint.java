package io.funit.gateway.idempotency;

import io.funit.common.storage.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The SHA-256 of what makes two requests "the same": method, path, then the body's parts. Every part is
 * length-prefixed, so no two different sequences of parts hash alike ("ab","c" vs "a","bc").
 */
final class Fingerprint {
  private final MessageDigest digest = Sha256.digest();

  Fingerprint text(String value) {
    return bytes(value == null ? new byte[] {(byte) 0xff} : value.getBytes(StandardCharsets.UTF_8));
  }

  Fingerprint bytes(byte[] value) {
    digest.update(ByteBuffer.allocate(Long.BYTES).putLong(value.length).array());
    digest.update(value);
    return this;
  }

  /** A file's content, streamed (uploads may be gigabytes). */
  Fingerprint file(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      digest.update(ByteBuffer.allocate(Long.BYTES).putLong(Files.size(file)).array());
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read upload " + file + ": " + e.getMessage(), e);
    }
  }

  String hex() {
    return HexFormat.of().formatHex(digest.digest());
  }

  static String sha256(String value) {
    return HexFormat.of().formatHex(Sha256.digest().digest(value.getBytes(StandardCharsets.UTF_8)));
  }
}
