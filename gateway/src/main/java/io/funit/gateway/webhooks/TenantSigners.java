package io.funit.gateway.webhooks;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which secrets sign a job's messages: its tenant's own ({@code FUNIT_WEBHOOK_TENANT_SECRETS}) when the tenant has
 * some, else the deployment's ({@code FUNIT_WEBHOOK_SECRETS}). A tenant's receivers then verify with a secret no
 * other tenant knows; rotation works per tenant the same way (two listed, both sign).
 */
final class TenantSigners {
  private final WebhookSigner deployment;
  private final Map<String, WebhookSigner> tenants;
  private final Function<String, String> tenantOfJob;

  /** @param tenantOfJob the tenant of a job id (the job-state projection), null when unknown */
  TenantSigners(WebhookSettings settings, Function<String, String> tenantOfJob) {
    this.deployment = new WebhookSigner(settings.secrets());
    this.tenants = settings.tenantSecrets().entrySet().stream()
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> new WebhookSigner(e.getValue())));
    this.tenantOfJob = tenantOfJob;
  }

  WebhookSigner forJob(String jobId) {
    String tenant = tenantOfJob.apply(jobId);
    return tenant == null ? deployment : tenants.getOrDefault(tenant, deployment);
  }

  /** {@code acme=whsec_a whsec_b;beta=whsec_c}: tenants by ';', each tenant's secrets by spaces. */
  static Map<String, List<String>> parse(String value) {
    Map<String, List<String>> secrets = new java.util.TreeMap<>();
    for (String entry : value.split(";")) {
      if (entry.isBlank()) {
        continue;
      }
      String[] parts = entry.split("=", 2);
      if (parts.length != 2 || parts[0].isBlank()) {
        throw new IllegalArgumentException("FUNIT_WEBHOOK_TENANT_SECRETS: '" + entry.trim()
            + "' is not tenant=whsec_… [whsec_…]");
      }
      List<String> list = java.util.Arrays.stream(parts[1].trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
      if (list.isEmpty()) {
        throw new IllegalArgumentException("FUNIT_WEBHOOK_TENANT_SECRETS: no secret for tenant " + parts[0].trim());
      }
      list.forEach(WebhookSigner::decodeSecret);
      secrets.put(io.funit.common.auth.ApiKeyEntry.checkTenant(parts[0].trim()), list);
    }
    return secrets;
  }
}
