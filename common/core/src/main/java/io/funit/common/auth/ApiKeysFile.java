package io.funit.common.auth;

import io.funit.common.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The keys file: one JSON {@link ApiKeyEntry} per line. {@code ./funit keys} writes it, the gateway reads it
 * (the gateway's KeyRing) and picks up changes without a restart. Rewrites go through a temporary file and a rename, so
 * the gateway never reads half a file.
 */
public final class ApiKeysFile {
  private final Path file;

  public ApiKeysFile(Path file) {
    this.file = file;
  }

  public Path path() {
    return file;
  }

  /** The entries; none when the file does not exist. Blank lines and lines starting with '#' are skipped. */
  public List<ApiKeyEntry> read() throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    List<ApiKeyEntry> entries = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        entries.add(Json.MAPPER.readValue(line, ApiKeyEntry.class));
      } catch (IOException | IllegalArgumentException e) {
        throw new IOException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return entries;
  }

  /** A new key: its entry is appended, the key itself is returned to be shown once and never stored. */
  public synchronized CreatedKey create(String tenant, boolean admin) throws IOException {
    ApiKeyEntry.checkTenant(tenant);
    String key = NewSecrets.apiKey();
    ApiKeyEntry entry = new ApiKeyEntry(null, "sha256:" + HexFormat.of().formatHex(digest(key)), tenant,
        admin ? ApiKeyEntry.ADMIN : ApiKeyEntry.USER, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    List<ApiKeyEntry> entries = new ArrayList<>(read());
    entries.add(entry);
    write(entries);
    return new CreatedKey(key, entry);
  }

  /** Adds the entry of an existing key (e.g. the first key of {@code ./funit up}) unless it is already there. */
  public synchronized ApiKeyEntry register(String key, String tenant, boolean admin) throws IOException {
    String hash = "sha256:" + HexFormat.of().formatHex(digest(key));
    List<ApiKeyEntry> entries = new ArrayList<>(read());
    for (ApiKeyEntry entry : entries) {
      if (entry.hash().equals(hash)) {
        return entry;
      }
    }
    ApiKeyEntry entry = new ApiKeyEntry(null, hash, tenant, admin ? ApiKeyEntry.ADMIN : ApiKeyEntry.USER,
        Instant.now().truncatedTo(ChronoUnit.SECONDS));
    entries.add(entry);
    write(entries);
    return entry;
  }

  /** Removes the key with this id; false if there is none. A revoked key stops working at the next reload. */
  public synchronized boolean revoke(String id) throws IOException {
    List<ApiKeyEntry> entries = new ArrayList<>(read());
    boolean removed = entries.removeIf(entry -> entry.id().equals(id));
    if (removed) {
      write(entries);
    }
    return removed;
  }

  private void write(List<ApiKeyEntry> entries) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temp = Files.createTempFile(parent, ".api-keys", ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system
      }
      StringBuilder text = new StringBuilder();
      for (ApiKeyEntry entry : entries) {
        text.append(Json.write(entry)).append('\n');
      }
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** A key just made: {@code key} is shown once; only {@code entry} is kept. */
  public record CreatedKey(String key, ApiKeyEntry entry) {}

  public static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
