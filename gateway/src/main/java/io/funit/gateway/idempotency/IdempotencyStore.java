package io.funit.gateway.idempotency;

import io.funit.common.json.Json;
import io.funit.common.storage.ObjectStore;
import io.funit.common.storage.StorageKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Idempotency records in the object store ({@code idempotency/{sha256(principal)}/{sha256(key)}.json}), so they
 * survive restarts and are shared by every gateway. A key is claimed with a conditional write before the work
 * starts; records older than the TTL count as absent (removed lazily when the key comes back).
 */
final class IdempotencyStore {
  /** A claim whose request never finished (its gateway died) is given up after this; a request holds it far less. */
  static final Duration STALE_CLAIM = Duration.ofMinutes(5);
  private static final int MAX_RECORD_BYTES = 8 << 20;
  /**
   * Claims of one gateway are serialized per key: the conditional write is atomic on MinIO and AWS S3, but
   * S3Proxy (the embedded stack) checks then writes; this makes one gateway atomic on every server.
   */
  private final Object[] stripes = new Object[64];
  private final ObjectStore store;
  private final Duration ttl;

  IdempotencyStore(ObjectStore store, Duration ttl) {
    this.store = store;
    this.ttl = ttl;
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new Object();
    }
  }

  /** The record key of a principal's Idempotency-Key. */
  static String key(String principal, String idempotencyKey) {
    return StorageKeys.idempotency(Fingerprint.sha256(principal), Fingerprint.sha256(idempotencyKey));
  }

  /**
   * Claims the key for a request with this fingerprint.
   *
   * @return empty when this request now owns the key, else the live record another request left
   */
  Optional<IdempotencyRecord> claim(String recordKey, String fingerprint, Instant now) {
    byte[] claim = Json.write(IdempotencyRecord.claim(fingerprint, now)).getBytes(StandardCharsets.UTF_8);
    synchronized (stripes[Math.floorMod(recordKey.hashCode(), stripes.length)]) {
      for (int attempt = 0; attempt < 2; attempt++) {
        if (store.putBytesIfNoneMatch(recordKey, claim, "application/json")) {
          return Optional.empty();
        }
        Optional<IdempotencyRecord> existing = read(recordKey);
        if (existing.isPresent() && live(existing.get(), now)) {
          return existing;
        }
        store.delete(recordKey); // expired or abandoned: as if absent, claim again
      }
    }
    throw new IllegalStateException("idempotency record " + recordKey + " keeps being replaced");
  }

  Optional<IdempotencyRecord> read(String recordKey) {
    return store.readIfPresent(recordKey, MAX_RECORD_BYTES)
        .map(bytes -> {
          try {
            return Json.MAPPER.readValue(bytes, IdempotencyRecord.class);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("unreadable idempotency record " + recordKey, e);
          }
        });
  }

  void complete(String recordKey, IdempotencyRecord record) {
    store.putBytes(recordKey, Json.write(record).getBytes(StandardCharsets.UTF_8), "application/json");
  }

  /** Gives the key back (the request failed), so a retry with the same key runs again. */
  void release(String recordKey) {
    store.delete(recordKey);
  }

  private boolean live(IdempotencyRecord record, Instant now) {
    Instant age = record.inProgress() ? record.createdAt().plus(STALE_CLAIM) : record.createdAt().plus(ttl);
    return now.isBefore(age);
  }
}
