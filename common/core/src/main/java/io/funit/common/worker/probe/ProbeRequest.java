package io.funit.common.worker.probe;

import io.funit.common.contract.Checks;
import io.funit.common.contract.InvalidRequestException;
import io.funit.common.contract.JobRequest;

/**
 * A diagnostic job: walks {@code steps} steps of {@code stepMillis} each, reporting progress and honouring
 * cancel, optionally reads one stored object, and writes a deterministic result object. Operators use it to
 * check a deployment end to end; tests use it to exercise retries, crashes and cancels.
 *
 * @param steps number of steps (1..100000), default 3
 * @param stepMillis milliseconds per step (0..60000)
 * @param failAttempts the first N attempts fail with a retryable error (0..10), to exercise retries
 * @param inputKey an object to read and checksum, optional
 * @param message echoed into the result
 */
public record ProbeRequest(int steps, long stepMillis, int failAttempts, String inputKey, String message)
    implements JobRequest {
  public ProbeRequest {
    steps = steps == 0 ? 3 : (int) Checks.range("steps", steps, 1, 100_000);
    Checks.range("step_millis", stepMillis, 0, 60_000);
    Checks.range("fail_attempts", failAttempts, 0, 10);
    message = message == null ? "" : message;
    if (message.length() > 1000) {
      throw new InvalidRequestException("message", "must be at most 1000 characters");
    }
  }
}
