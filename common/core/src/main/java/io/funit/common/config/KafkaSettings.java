package io.funit.common.config;

import java.time.Duration;

/**
 * How services reach Kafka.
 *
 * @param bootstrapServers FUNIT_KAFKA_BOOTSTRAP, host:port list
 * @param topicPrefix FUNIT_TOPIC_PREFIX, prepended to every topic name (several stacks can share a cluster)
 * @param replicationFactor FUNIT_KAFKA_REPLICATION, for the topics this service creates
 * @param sessionTimeout FUNIT_KAFKA_SESSION_TIMEOUT_MS, how long a silent (killed) worker keeps its partitions
 * @param linger FUNIT_KAFKA_LINGER_MS, how long a producer waits to fill a batch before it sends (Kafka's
 *     {@code linger.ms}): a translation's path makes four sends one after another, each waiting this long
 */
public record KafkaSettings(String bootstrapServers, String topicPrefix, short replicationFactor,
    Duration sessionTimeout, Duration linger) {
  public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";

  public KafkaSettings {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("FUNIT_KAFKA_BOOTSTRAP must not be empty");
    }
    if (!topicPrefix.matches("[A-Za-z0-9._-]*")) {
      throw new IllegalArgumentException("FUNIT_TOPIC_PREFIX may hold only letters, digits, '.', '_' and '-'");
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException("FUNIT_KAFKA_REPLICATION must be at least 1");
    }
  }

  public static KafkaSettings from(Settings settings) {
    return new KafkaSettings(
        settings.string("FUNIT_KAFKA_BOOTSTRAP", DEFAULT_BOOTSTRAP),
        settings.string("FUNIT_TOPIC_PREFIX", "funit."),
        (short) settings.integer("FUNIT_KAFKA_REPLICATION", 1, 1, 16),
        settings.millis("FUNIT_KAFKA_SESSION_TIMEOUT_MS", 10_000),
        settings.millis("FUNIT_KAFKA_LINGER_MS", 0));
  }

  public KafkaSettings withTopicPrefix(String prefix) {
    return new KafkaSettings(bootstrapServers, prefix, replicationFactor, sessionTimeout, linger);
  }
}
