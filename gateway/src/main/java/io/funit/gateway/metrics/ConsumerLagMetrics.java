package io.funit.gateway.metrics;

import io.funit.common.contract.JobType;
import io.funit.common.kafka.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code funit_kafka_consumer_lag{topic, group}}: work records of each job type that its worker group has not
 * committed, read with the admin client every {@link #INTERVAL}. The gateway exports it, not the workers, so that a
 * worker type scaled to zero (no process left to report) still shows what waits for it: an autoscaler's signal. A
 * partition the group never committed counts from its earliest record, which is where a new worker would start.
 */
public final class ConsumerLagMetrics implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConsumerLagMetrics.class);
  static final Duration INTERVAL = Duration.ofSeconds(10);
  private static final long TIMEOUT_SECONDS = 5;

  private final Admin admin;
  private final Topics topics;
  private final Map<JobType, AtomicLong> lag = new HashMap<>();
  /** Types whose lag could not be read: warned once, until it can be read again. */
  private final java.util.Set<JobType> unreadable = new java.util.HashSet<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "consumer-lag");
    thread.setDaemon(true);
    return thread;
  });

  public ConsumerLagMetrics(Admin admin, Topics topics, MeterRegistry registry) {
    this.admin = admin;
    this.topics = topics;
    for (JobType type : io.funit.common.jobs.JobDescriptors.types()) {
      AtomicLong value = new AtomicLong(-1); // -1 until first read: unknown, not "nothing waits"
      lag.put(type, value);
      Gauge.builder("funit.kafka.consumer.lag", value, AtomicLong::get)
          .description("Work records a worker group has not yet committed (-1: not read yet)")
          .tag("topic", topics.work(type)).tag("group", topics.workerGroup(type)).register(registry);
    }
  }

  /** Reads the lag now and then every {@link #INTERVAL}. */
  public ConsumerLagMetrics start() {
    timer.scheduleWithFixedDelay(this::refresh, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** One read of every type's lag; a type that cannot be read keeps its last value. */
  void refresh() {
    for (JobType type : io.funit.common.jobs.JobDescriptors.types()) {
      try {
        lag.get(type).set(read(type));
        unreadable.remove(type);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        // e.g. Kafka away, or a topic with other partitions than Topics says: the gauge keeps its last value
        if (unreadable.add(type)) {
          LOG.warn("consumer lag of {} on {} not read (keeping the last value): {}", topics.workerGroup(type),
              topics.work(type), e.toString());
        }
      }
    }
  }

  private long read(JobType type) throws Exception {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
    for (int p = 0; p < topics.workPartitions(type); p++) {
      TopicPartition partition = new TopicPartition(topics.work(type), p);
      latest.put(partition, OffsetSpec.latest());
      earliest.put(partition, OffsetSpec.earliest());
    }
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all()
        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(topics.workerGroup(type))
        .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    long total = 0;
    for (TopicPartition partition : latest.keySet()) {
      OffsetAndMetadata done = committed.get(partition);
      // from where the group goes on; records deleted by retention (or never committed) start at the earliest
      long from = Math.max(starts.get(partition).offset(), done != null ? done.offset() : 0);
      total += Math.max(0, ends.get(partition).offset() - from);
    }
    return total;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
