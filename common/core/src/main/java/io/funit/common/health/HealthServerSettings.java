package io.funit.common.health;

import io.funit.common.config.Settings;

/**
 * Where a worker serves {@code /healthz}, {@code /readyz} and {@code /metrics}.
 *
 * @param host FUNIT_WORKER_HTTP_HOST, the address to listen on (default 0.0.0.0: probes and scrapers come from
 *     outside the pod)
 * @param port FUNIT_WORKER_HTTP_PORT (default 8081; 0 picks a free port, which the worker logs)
 */
public record HealthServerSettings(String host, int port) {
  public static HealthServerSettings from(Settings settings) {
    return new HealthServerSettings(settings.string("FUNIT_WORKER_HTTP_HOST", "0.0.0.0"),
        settings.integer("FUNIT_WORKER_HTTP_PORT", 8081, 0, 65_535));
  }
}
