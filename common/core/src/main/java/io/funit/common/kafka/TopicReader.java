package io.funit.common.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a whole topic as it is now, without a consumer group: what tests assert on and what the fault-injection
 * suite audits (every job event ever published).
 */
public final class TopicReader {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private TopicReader() {}

  public static List<ConsumerRecord<String, String>> readAll(KafkaClients kafka, String topic) {
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> reader = kafka.reader("topic-reader")) {
      List<TopicPartition> partitions = reader.partitionsFor(topic, TIMEOUT).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      reader.assign(partitions);
      reader.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = reader.endOffsets(partitions);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (end.entrySet().stream().anyMatch(e -> reader.position(e.getKey()) < e.getValue())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end within " + TIMEOUT.toSeconds()
              + " s");
        }
        reader.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }
}
