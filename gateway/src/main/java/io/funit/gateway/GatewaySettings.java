package io.funit.gateway;

import io.funit.common.config.Settings;
import io.funit.common.contract.JobType;
import io.funit.common.translate.TranslationLimits;
import io.funit.gateway.limits.ApiLimits;
import io.funit.gateway.retention.JobRetentionSettings;
import io.funit.gateway.webhooks.WebhookSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the gateway serves.
 *
 * @param host FUNIT_GATEWAY_HOST, the address to bind
 * @param port FUNIT_GATEWAY_PORT (0 picks a free port)
 * @param apiKeys FUNIT_API_KEYS, comma-separated keys accepted as bearer tokens: the deployment's own keys, of
 *     tenant {@code default} with the admin role
 * @param apiKeysFile FUNIT_API_KEYS_FILE, the keys file ({@code ./funit keys}) of hashed keys with tenant and role,
 *     re-read when it changes; null for none
 * @param maxActiveJobs FUNIT_MAX_ACTIVE_JOBS, how many unfinished jobs one tenant may have; more get 429
 * @param enabledTypes FUNIT_JOB_TYPES, the job types accepted (types without workers stay disabled)
 * @param maxBodyBytes FUNIT_MAX_BODY_BYTES, larger JSON requests get 413
 * @param maxUploadBytes FUNIT_MAX_UPLOAD_BYTES, larger uploads (dataset archives) get 413
 * @param uploadDir FUNIT_UPLOAD_DIR, where uploads are spooled before they go to the object store
 * @param maxTranslationBytes FUNIT_MAX_TRANSLATION_BYTES, larger multipart translation and style requests get 413
 * @param inlineInputBytes FUNIT_TRANSLATE_INLINE_BYTES, a multipart translation whose images add up to at most this
 *     many bytes carries them in its work record instead of storing them (0: always store); see {@link
 *     #MAX_INLINE_INPUT_BYTES}
 * @param resultUrls FUNIT_RESULT_URLS, how the API links result images: through the gateway or presigned S3 URLs
 * @param resultUrlExpiry FUNIT_RESULT_URL_EXPIRY_SECONDS, how long a presigned result URL stays valid
 * @param translationLimits the FUNIT_TRANSLATE_* bounds on one request's images (shared with the worker)
 * @param apiLimits rate limits, idempotency-key lifetime, header and URL sizes, idle timeout
 * @param webhooks the FUNIT_WEBHOOK_* settings: signing secrets, private targets, retry scale, timeout
 * @param drainDelay FUNIT_GATEWAY_DRAIN_DELAY_MS, how long a gateway told to stop keeps serving with /readyz at 503
 *     before it closes, so that load balancers take it out first (default 0; a few seconds behind one)
 * @param jobRetention FUNIT_JOB_RETENTION_SECONDS (default 7 days) and FUNIT_JOB_RETENTION_TYPES (default
 *     {@code translate,probe}): how long a finished job of these types stays known to the API; with webhooks on, at
 *     least their retry window
 */
public record GatewaySettings(String host, int port, Set<String> apiKeys, java.nio.file.Path apiKeysFile,
    int maxActiveJobs, Set<JobType> enabledTypes,
    long maxBodyBytes, long maxUploadBytes, String uploadDir, long maxTranslationBytes, int inlineInputBytes,
    ResultUrls resultUrls,
    Duration resultUrlExpiry, TranslationLimits translationLimits, ApiLimits apiLimits,
    WebhookSettings webhooks, Duration drainDelay, JobRetentionSettings jobRetention) {
  /** How result images are linked: {@code proxy} (the gateway streams them) or {@code presigned} (S3 directly). */
  public enum ResultUrls {
    PROXY, PRESIGNED;

    static ResultUrls fromSetting(String value) {
      try {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("FUNIT_RESULT_URLS must be proxy or presigned, got '" + value + "'");
      }
    }
  }

  public GatewaySettings {
    apiKeys = Set.copyOf(apiKeys);
    enabledTypes = Set.copyOf(enabledTypes);
    if (webhooks.enabled() && jobRetention.retention().compareTo(webhooks.retryWindow()) < 0) {
      // a job forgotten while a delivery still waits could lose it: compaction may drop the events a restarted
      // dispatcher would reload the delivery from
      throw new IllegalArgumentException("FUNIT_JOB_RETENTION_SECONDS (" + jobRetention.retention().toSeconds()
          + ") must be at least the webhook retry window (" + webhooks.retryWindow().toSeconds()
          + " s: 24 h times FUNIT_WEBHOOK_BACKOFF_SCALE)");
    }
  }

  /**
   * The most FUNIT_TRANSLATE_INLINE_BYTES may be: base64 makes it 4/3 larger in the record, which must stay under
   * Kafka's default limit of about 1 MB per record (producer {@code max.request.size}, broker
   * {@code message.max.bytes}).
   */
  public static final int MAX_INLINE_INPUT_BYTES = 512 << 10;

  public static GatewaySettings from(Settings settings) {
    Set<String> keys = Arrays.stream(settings.string("FUNIT_API_KEYS", "").split(","))
        .map(String::trim).filter(k -> !k.isEmpty()).collect(Collectors.toSet());
    // unset: every job type this build has a descriptor for
    Set<JobType> types = new java.util.TreeSet<>(io.funit.common.jobs.JobDescriptors.types());
    settings.get("FUNIT_JOB_TYPES").ifPresent(named -> {
      types.clear();
      for (String name : named.split(",")) {
        if (!name.isBlank()) {
          types.add(io.funit.common.jobs.JobDescriptors.byWireName(name.trim()));
        }
      }
    });
    return new GatewaySettings(
        settings.string("FUNIT_GATEWAY_HOST", "127.0.0.1"),
        settings.integer("FUNIT_GATEWAY_PORT", 8080, 0, 65535),
        keys, apiKeysFile(settings.string("FUNIT_API_KEYS_FILE", "")),
        settings.integer("FUNIT_MAX_ACTIVE_JOBS", 100, 1, 1_000_000), types,
        settings.integer("FUNIT_MAX_BODY_BYTES", 1024 * 1024, 1024, Integer.MAX_VALUE),
        settings.longValue("FUNIT_MAX_UPLOAD_BYTES", 2L << 30),
        settings.string("FUNIT_UPLOAD_DIR", System.getProperty("java.io.tmpdir") + "/funit-uploads"),
        settings.longValue("FUNIT_MAX_TRANSLATION_BYTES", 64L << 20),
        settings.integer("FUNIT_TRANSLATE_INLINE_BYTES", 256 << 10, 0, MAX_INLINE_INPUT_BYTES),
        ResultUrls.fromSetting(settings.string("FUNIT_RESULT_URLS", "proxy")),
        // S3 refuses presigned URLs valid for more than 7 days
        Duration.ofSeconds(settings.integer("FUNIT_RESULT_URL_EXPIRY_SECONDS", 3600, 1, 7 * 24 * 3600)),
        TranslationLimits.from(settings), ApiLimits.from(settings), WebhookSettings.from(settings),
        settings.millis("FUNIT_GATEWAY_DRAIN_DELAY_MS", 0), JobRetentionSettings.from(settings));
  }

  private static java.nio.file.Path apiKeysFile(String value) {
    return value.isBlank() ? null : java.nio.file.Path.of(value.trim());
  }

  /** Whether any API key can be accepted: plain keys, or a keys file to take them from. */
  public boolean hasKeys() {
    return !apiKeys.isEmpty() || apiKeysFile != null;
  }
}
