/**
 * Liveness, readiness and the drain state of a process, and the small HTTP server through which a worker answers
 * {@code /healthz}, {@code /readyz} and {@code /metrics} (the gateway serves the same paths on its API port).
 */
package io.funit.common.health;
