package io.funit.gateway.webhooks;

import io.funit.common.config.Settings;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * How webhooks are signed and sent.
 *
 * @param secrets FUNIT_WEBHOOK_SECRETS, comma-separated {@code whsec_…} secrets; every one listed signs (so a
 *     receiver that knows any of them verifies), empty = webhooks are off and a {@code webhook} field is refused
 * @param allowPrivate FUNIT_WEBHOOK_ALLOW_PRIVATE, deliver to loopback and private addresses too (tests, labs)
 * @param backoffScale FUNIT_WEBHOOK_BACKOFF_SCALE, multiplies every retry delay and the retry window (tests
 *     compress the hours-long schedule into seconds with 0.001)
 * @param timeout FUNIT_WEBHOOK_TIMEOUT_MS, connect and answer time of one attempt
 * @param tenantSecrets FUNIT_WEBHOOK_TENANT_SECRETS, {@code tenant=whsec_… [whsec_…];tenant2=…}: a tenant's own
 *     signing secrets (all listed sign), used instead of the deployment's for that tenant's jobs
 */
public record WebhookSettings(List<String> secrets, boolean allowPrivate, double backoffScale, Duration timeout,
    java.util.Map<String, List<String>> tenantSecrets) {
  public WebhookSettings {
    secrets = List.copyOf(secrets);
    tenantSecrets = java.util.Map.copyOf(tenantSecrets);
    if (!(backoffScale > 0 && backoffScale <= 1)) {
      throw new IllegalArgumentException("FUNIT_WEBHOOK_BACKOFF_SCALE must be in (0, 1], got " + backoffScale);
    }
    secrets.forEach(WebhookSigner::decodeSecret); // a bad secret stops the gateway at start, not at delivery
  }

  /** How long a delivery is retried before it fails: 24 h, scaled. */
  public Duration retryWindow() {
    return BackoffSchedule.window(backoffScale);
  }

  public boolean enabled() {
    return !secrets.isEmpty();
  }

  public static WebhookSettings from(Settings settings) {
    List<String> secrets = Arrays.stream(settings.string("FUNIT_WEBHOOK_SECRETS", "").split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).toList();
    double scale;
    try {
      scale = Double.parseDouble(settings.string("FUNIT_WEBHOOK_BACKOFF_SCALE", "1"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("FUNIT_WEBHOOK_BACKOFF_SCALE must be a number", e);
    }
    return new WebhookSettings(secrets,
        Boolean.parseBoolean(settings.string("FUNIT_WEBHOOK_ALLOW_PRIVATE", "false")), scale,
        Duration.ofMillis(settings.integer("FUNIT_WEBHOOK_TIMEOUT_MS", 10_000, 100, 120_000)),
        TenantSigners.parse(settings.string("FUNIT_WEBHOOK_TENANT_SECRETS", "")));
  }
}
