package io.funit.common.testing;

import io.funit.common.kafka.KafkaClients;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads a whole topic as it is now, for assertions on what was published (the main code's reader). */
public final class TopicReader {
  private TopicReader() {}

  public static List<ConsumerRecord<String, String>> readAll(KafkaClients kafka, String topic) {
    return io.funit.common.kafka.TopicReader.readAll(kafka, topic);
  }
}
