package io.funit.deploy.up;

import java.nio.file.Path;

/**
 * What {@code ./funit up} starts, and where.
 *
 * @param dataDir holds kafka/ (broker log), s3/ (objects, one file per object), api-key (the first admin key), api-keys.json (./funit keys) and
 *     webhook-secret
 * @param gatewayPort HTTP port of the gateway
 * @param kafkaPort broker port
 * @param kafkaControllerPort KRaft controller port
 * @param s3Port S3 port
 * @param workers worker processes per type
 * @param readyTimeoutSeconds how long to wait for the gateway's /readyz
 */
public record StackLayout(Path dataDir, int gatewayPort, int kafkaPort, int kafkaControllerPort, int s3Port,
    WorkerCounts workers, int readyTimeoutSeconds) {
  Path kafkaDir() {
    return dataDir.resolve("kafka");
  }

  Path s3Dir() {
    return dataDir.resolve("s3");
  }

  public Path apiKeyFile() {
    return dataDir.resolve("api-key");
  }

  /** The keys file of {@code ./funit keys} (hashed keys with tenant and role). */
  public Path apiKeysFile() {
    return dataDir.resolve("api-keys.json");
  }

  public Path webhookSecretFile() {
    return dataDir.resolve("webhook-secret");
  }
}
