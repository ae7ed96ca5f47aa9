package io.funit.common.kafka;

import io.funit.common.config.KafkaSettings;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Builds every Kafka client of the system, so each setting and its reason live in one place. */
public final class KafkaClients {
  /** Where a worker group without a committed offset starts: autoscalers must count lag the same way. */
  public static final String WORK_OFFSET_RESET = "earliest";

  private final KafkaSettings settings;

  public KafkaClients(KafkaSettings settings) {
    this.settings = settings;
  }

  public KafkaSettings settings() {
    return settings;
  }

  public Topics topics() {
    return new Topics(settings.topicPrefix());
  }

  public Admin admin() {
    Properties p = base("admin");
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
    return Admin.create(p);
  }

  /** Keys and values are strings: job ids and JSON, readable with the stock console tools. */
  public KafkaProducer<String, String> producer(String clientId) {
    Properties p = base(clientId);
    p.put(ProducerConfig.ACKS_CONFIG, "all");                       // an acknowledged event survives a broker loss
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);          // retries never duplicate or reorder per partition
    p.put(ProducerConfig.LINGER_MS_CONFIG, (int) settings.linger().toMillis()); // short: events are on the path
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);       // fail a send instead of hanging a request
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);               // metadata waits bounded when Kafka is down
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    return new KafkaProducer<>(p);
  }

  /**
   * A work-topic consumer for one worker slot. Jobs may run for hours, so the slot pauses its partitions while
   * a job runs and keeps polling (see WorkerRuntime): max.poll.interval is never exceeded and no rebalance
   * happens because of a long job.
   */
  public KafkaConsumer<String, String> workConsumer(String group, String clientId) {
    return workConsumer(group, clientId, 1);
  }

  /** As {@link #workConsumer(String, String)}, for a slot that runs up to {@code maxInFlight} jobs at once. */
  public KafkaConsumer<String, String> workConsumer(String group, String clientId, int maxInFlight) {
    return new KafkaConsumer<>(workConsumerProperties(group, clientId, maxInFlight));
  }

  /**
   * As {@link #workConsumer(String, String, int)}, for a consumer that may lag up to {@code fetchWait} behind the
   * topic: the broker answers a fetch once it has 1 MiB or that wait has passed, instead of at every record (a
   * consumer of every job event, e.g. the webhook dispatcher, otherwise costs the broker a fetch per event).
   */
  public KafkaConsumer<String, String> batchingConsumer(String group, String clientId, int maxRecords,
      Duration fetchWait) {
    Properties p = workConsumerProperties(group, clientId, maxRecords);
    p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1 << 20);
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) fetchWait.toMillis());
    return new KafkaConsumer<>(p);
  }

  private Properties workConsumerProperties(String group, String clientId, int maxInFlight) {
    Properties p = base(clientId);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);          // commit only after the job's effects are stored
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, WORK_OFFSET_RESET); // a new group must not skip queued jobs
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxInFlight);       // never more than the slot can start
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // a killed worker's partitions move to another worker after this long
    p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) settings.sessionTimeout().toMillis());
    p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(1000, settings.sessionTimeout().toMillis() / 4));
    // cooperative: adding a worker moves only the partitions it takes, others keep running their jobs
    p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    return p;
  }

  /** A group-less reader that assigns itself partitions (the job-state projection, DLQ inspection). */
  public KafkaConsumer<String, String> reader(String clientId) {
    Properties p = base(clientId);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);             // replaying history at start-up
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    return new KafkaConsumer<>(p);
  }

  private Properties base(String clientId) {
    Properties p = new Properties();
    p.put("bootstrap.servers", settings.bootstrapServers());
    p.put("client.id", clientId);
    // Kafka down at start-up: reconnect with backoff instead of failing the service
    p.put("reconnect.backoff.max.ms", 5_000);
    return p;
  }
}
