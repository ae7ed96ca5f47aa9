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
 *     {@code linger.ms}): a translation's path makes three sends one after another, each waiting this long
 */
public record KafkaSettings(String bootstrapServers, String topicPrefix, short replicationFactor,
    Duration sessionTimeout, Duration linger) {
  public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";
  /**
   * One millisecond: with idempotence a producer keeps up to five requests in flight, so without a linger every event
   * went out alone; the events of a batch's jobs (started, then succeeded, each sent from its job's thread) now share
   * a request. At 32 clients the broker took 1.8 produce requests per translation instead of 2.1-2.4, for about 1-2 ms
   * more at one client (docs/benchmarks.md, "Fewer round trips per translation").
   */
  public static final int DEFAULT_LINGER_MS = 1;

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
        settings.millis("FUNIT_KAFKA_LINGER_MS", DEFAULT_LINGER_MS));
  }

  public KafkaSettings withTopicPrefix(String prefix) {
    return new KafkaSettings(bootstrapServers, prefix, replicationFactor, sessionTimeout, linger);
  }
}
