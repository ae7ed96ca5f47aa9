package io.funit.gateway.idempotency;

import java.time.Instant;
import java.util.Map;

/**
 * What is kept for one key: the request's fingerprint and, once answered, the first answer.
 *
 * @param fingerprint the request's {@link RequestFingerprint}
 * @param state {@code in_progress} while the first request runs, then {@code completed}
 * @param createdAt when the key was claimed (the TTL and the stale-claim bound count from here)
 * @param status the first answer's status
 * @param headers the first answer's headers worth replaying ({@code Location}, {@code Content-Type}...)
 * @param body the first answer's body (JSON text)
 */
record IdempotencyRecord(String fingerprint, String state, Instant createdAt, int status, Map<String, String> headers,
    String body) {
  static final String IN_PROGRESS = "in_progress";
  static final String COMPLETED = "completed";

  static IdempotencyRecord claim(String fingerprint, Instant now) {
    return new IdempotencyRecord(fingerprint, IN_PROGRESS, now, 0, Map.of(), null);
  }

  IdempotencyRecord completed(int answerStatus, Map<String, String> answerHeaders, String answerBody) {
    return new IdempotencyRecord(fingerprint, COMPLETED, createdAt, answerStatus, Map.copyOf(answerHeaders),
        answerBody);
  }

  boolean inProgress() {
    return IN_PROGRESS.equals(state);
  }
}
