package io.funit.gateway.auth;

import io.funit.common.auth.ApiKeyEntry;
import io.funit.common.auth.ApiKeysFile;
import io.funit.common.contract.JobEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The keys the gateway accepts, by digest: the plain keys of {@code FUNIT_API_KEYS} (the deployment's own keys:
 * tenant {@code default}, role admin, as every key was before tenants) and the entries of the keys file. The file
 * is looked at again at most once a {@link #RECHECK_NANOS} and re-read when its time or size changed, so keys made
 * or revoked with {@code ./funit keys} apply within a second without a restart. A file that cannot be read keeps
 * the keys last read (a half-edited file must not lock everyone out).
 */
public final class KeyRing {
  static final long RECHECK_NANOS = 1_000_000_000L;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KeyRing.class);

  private final Map<String, Principal> plain = new HashMap<>();
  private final ApiKeysFile file;
  private final LongSupplier clock;
  private volatile Map<String, Principal> fromFile = Map.of();
  private volatile String seenVersion = "";
  private volatile long nextCheck = Long.MIN_VALUE;

  public KeyRing(Set<String> plainKeys, Path keysFile) {
    this(plainKeys, keysFile, System::nanoTime);
  }

  KeyRing(Set<String> plainKeys, Path keysFile, LongSupplier clock) {
    for (String key : plainKeys) {
      byte[] digest = ApiKeysFile.digest(key);
      plain.put(HexFormat.of().formatHex(digest), new Principal(Principal.keyId(digest), JobEvent.DEFAULT_TENANT,
          true));
    }
    this.file = keysFile == null ? null : new ApiKeysFile(keysFile);
    this.clock = clock;
    if (file != null) {
      reloadIfChanged();
    }
  }

  /** Whether any key could ever be accepted (plain keys or a keys file to read them from). */
  public boolean configured() {
    return !plain.isEmpty() || file != null;
  }

  /**
   * The principal of a presented key, if it is known. Looked up by SHA-256 digest: the map never holds a key, and
   * the timing of a lookup tells only about digests, which an attacker cannot turn back into keys.
   */
  public Optional<Principal> principal(String presentedKey) {
    String digest = HexFormat.of().formatHex(ApiKeysFile.digest(presentedKey));
    Principal known = plain.get(digest);
    if (known != null) {
      return Optional.of(known);
    }
    if (file != null && clock.getAsLong() - nextCheck >= 0) {
      reloadIfChanged();
    }
    return Optional.ofNullable(fromFile.get(digest));
  }

  private synchronized void reloadIfChanged() {
    nextCheck = clock.getAsLong() + RECHECK_NANOS;
    String version;
    try {
      BasicFileAttributes attributes = Files.readAttributes(file.path(), BasicFileAttributes.class);
      version = attributes.lastModifiedTime().toMillis() + "/" + attributes.size() + "/" + attributes.fileKey();
    } catch (IOException e) {
      version = "absent"; // no file yet: no keys from it
    }
    if (version.equals(seenVersion)) {
      return;
    }
    try {
      Map<String, Principal> read = new HashMap<>();
      for (ApiKeyEntry entry : file.read()) {
        read.put(entry.hexDigest(), new Principal(entry.id(), entry.tenant(), entry.admin()));
      }
      fromFile = Map.copyOf(read);
      seenVersion = version;
      LOG.info("API keys file {}: {} keys", file.path(), read.size());
    } catch (IOException | RuntimeException e) {
      LOG.warn("API keys file {} not read, keeping the {} keys read before: {}", file.path(), fromFile.size(),
          e.getMessage());
    }
  }
}
