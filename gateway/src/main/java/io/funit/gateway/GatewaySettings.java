package io.funit.gateway;

import io.funit.common.config.Settings;
import io.funit.common.contract.JobType;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the gateway serves.
 *
 * @param host FUNIT_GATEWAY_HOST, the address to bind
 * @param port FUNIT_GATEWAY_PORT (0 picks a free port)
 * @param apiKeys FUNIT_API_KEYS, comma-separated keys accepted as bearer tokens
 * @param enabledTypes FUNIT_JOB_TYPES, the job types accepted (types without workers stay disabled)
 * @param maxBodyBytes FUNIT_MAX_BODY_BYTES, larger JSON requests get 413
 * @param maxUploadBytes FUNIT_MAX_UPLOAD_BYTES, larger uploads (dataset archives) get 413
 * @param uploadDir FUNIT_UPLOAD_DIR, where uploads are spooled before they go to the object store
 */
public record GatewaySettings(String host, int port, Set<String> apiKeys, Set<JobType> enabledTypes,
    long maxBodyBytes, long maxUploadBytes, String uploadDir) {
  /** The job types whose workers ship in this version. */
  public static final String DEFAULT_JOB_TYPES = "probe,dataset,train";

  public GatewaySettings {
    apiKeys = Set.copyOf(apiKeys);
    enabledTypes = Set.copyOf(enabledTypes);
  }

  public static GatewaySettings from(Settings settings) {
    Set<String> keys = Arrays.stream(settings.string("FUNIT_API_KEYS", "").split(","))
        .map(String::trim).filter(k -> !k.isEmpty()).collect(Collectors.toSet());
    Set<JobType> types = EnumSet.noneOf(JobType.class);
    for (String name : settings.string("FUNIT_JOB_TYPES", DEFAULT_JOB_TYPES).split(",")) {
      if (!name.isBlank()) {
        types.add(JobType.fromWire(name.trim()));
      }
    }
    return new GatewaySettings(
        settings.string("FUNIT_GATEWAY_HOST", "127.0.0.1"),
        settings.integer("FUNIT_GATEWAY_PORT", 8080, 0, 65535),
        keys, types,
        settings.integer("FUNIT_MAX_BODY_BYTES", 1024 * 1024, 1024, Integer.MAX_VALUE),
        settings.longValue("FUNIT_MAX_UPLOAD_BYTES", 2L << 30),
        settings.string("FUNIT_UPLOAD_DIR", System.getProperty("java.io.tmpdir") + "/funit-uploads"));
  }
}
