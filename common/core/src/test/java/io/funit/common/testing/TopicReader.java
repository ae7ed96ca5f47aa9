package io.funit.common.testing;

import io.funit.common.kafka.KafkaClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads a whole topic as it is now, for assertions on what was published. */
public final class TopicReader {
  private TopicReader() {}

  public static List<ConsumerRecord<String, String>> readAll(KafkaClients kafka, String topic) {
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> reader = kafka.reader("test-reader")) {
      List<TopicPartition> partitions = reader.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      reader.assign(partitions);
      reader.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = reader.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (end.entrySet().stream().anyMatch(e -> reader.position(e.getKey()) < e.getValue())) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic + " to its end within 30 s");
        }
        reader.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }
}
