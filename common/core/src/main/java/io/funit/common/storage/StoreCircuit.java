package io.funit.common.storage;

import dev.failsafe.CircuitBreaker;
import java.io.IOException;
import java.time.Duration;

/**
 * Fails calls to a store that stopped answering at once, instead of letting each wait out its own timeout. A lost
 * route drops packets: every call then waits for the connect timeout (5 s) or, on a pooled connection, the I/O
 * timeout (30 s), and a gateway answered its 503 only after 30 s (chaos scenario {@code s3-unreachable}). After
 * {@link #FAILURES} calls in a row got no answer (an {@link IOException}: refused, reset, timed out), calls fail with
 * {@link StorageUnavailableException} without trying for {@link #OPEN}; then one call tries, and its answer closes the
 * circuit again. An answer of any kind counts as the store being there: a 404, a 5xx (a full disk answers 507 at
 * once), an access denied. Failsafe's circuit breaker keeps the state.
 */
final class StoreCircuit {
  /** Calls in a row without an answer that open the circuit: one slow call alone is not an outage. */
  static final int FAILURES = 3;
  /** How long calls fail without trying before one tries again. */
  static final Duration OPEN = Duration.ofSeconds(5);
  private final CircuitBreaker<Object> breaker;
  private final Duration openTime;

  StoreCircuit() {
    this(FAILURES, OPEN);
  }

  StoreCircuit(int failures, Duration open) {
    this.openTime = open;
    breaker = CircuitBreaker.builder().withFailureThreshold(failures).withDelay(open).withSuccessThreshold(1).build();
  }

  /** Throws when calls must not try now; a permit taken must be given back through {@link #record}. */
  void acquire(String operation, String target) {
    if (!breaker.tryAcquirePermit()) {
      throw new StorageUnavailableException(operation + " " + target + " not tried: the store did not answer the "
          + "last calls; trying again within " + openTime.toMillis() + " ms", null);
    }
  }

  /** The outcome of a call that was let through: {@code failure} null when it succeeded. */
  void record(Exception failure) {
    if (failure != null && noAnswer(failure)) {
      breaker.recordFailure();
    } else {
      breaker.recordSuccess();
    }
  }

  boolean open() {
    return breaker.isOpen();
  }

  private static boolean noAnswer(Exception failure) {
    return failure instanceof IOException;
  }
}
