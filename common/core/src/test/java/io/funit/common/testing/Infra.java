package io.funit.common.testing;

import io.funit.common.config.KafkaSettings;
import io.funit.common.config.S3Settings;
import io.funit.common.config.Settings;
import io.funit.common.kafka.KafkaClients;
import io.funit.common.kafka.TopicInitializer;
import io.funit.common.storage.ObjectStore;
import java.util.Map;
import java.util.UUID;

/** The real servers shared by all integration tests of a run: a Kafka broker and an S3 server. */
public interface Infra extends AutoCloseable {
  /** containers or embedded */
  String mode();

  String kafkaBootstrap();

  String s3Endpoint();

  String s3AccessKey();

  String s3SecretKey();

  /**
   * Settings for a service under test, isolated from other test classes by a unique topic prefix; the bucket is
   * shared (keys derive from unique job ids).
   */
  default Settings isolatedSettings(Map<String, String> extra) {
    String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    Settings settings = Settings.of(Map.of(
        "FUNIT_KAFKA_BOOTSTRAP", kafkaBootstrap(),
        "FUNIT_TOPIC_PREFIX", prefix,
        "FUNIT_KAFKA_SESSION_TIMEOUT_MS", "6000",
        "FUNIT_S3_ENDPOINT", s3Endpoint(),
        "FUNIT_S3_ACCESS_KEY", s3AccessKey(),
        "FUNIT_S3_SECRET_KEY", s3SecretKey(),
        "FUNIT_S3_BUCKET", "funit-it"));
    return settings.with(extra);
  }

  /** Kafka clients for the settings, with their topics created. */
  static KafkaClients kafka(Settings settings) {
    KafkaClients clients = new KafkaClients(KafkaSettings.from(settings));
    TopicInitializer.ensureTopics(clients);
    return clients;
  }

  /** The object store for the settings, with its bucket created. */
  static ObjectStore store(Settings settings) {
    ObjectStore store = new ObjectStore(S3Settings.from(settings));
    store.ensureBucket();
    return store;
  }
}
