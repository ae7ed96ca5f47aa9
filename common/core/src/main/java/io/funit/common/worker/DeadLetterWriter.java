package io.funit.common.worker;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Copies a work record that cannot be processed to its type's dead-letter topic, unchanged, with the reason and
 * origin in headers ({@code funit.dlq.*}), so an operator can inspect it and re-publish it after a fix.
 */
final class DeadLetterWriter {
  static final String REASON = "funit.dlq.reason";
  static final String MESSAGE = "funit.dlq.message";

  private final Producer<String, String> producer;
  private final String workerId;

  DeadLetterWriter(Producer<String, String> producer, String workerId) {
    this.producer = producer;
    this.workerId = workerId;
  }

  void send(String deadLetterTopic, ConsumerRecord<String, String> record, String reason, String message) {
    ProducerRecord<String, String> copy = new ProducerRecord<>(deadLetterTopic, record.key(), record.value());
    Headers headers = copy.headers();
    record.headers().forEach(headers::add);
    header(headers, REASON, reason);
    header(headers, MESSAGE, message == null ? "" : message);
    header(headers, "funit.dlq.source", record.topic() + "-" + record.partition() + "@" + record.offset());
    header(headers, "funit.dlq.worker", workerId);
    header(headers, "funit.dlq.time", Instant.now().toString());
    try {
      producer.send(copy).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while dead-lettering " + record.key(), e);
    } catch (ExecutionException e) {
      // without the dead letter the record must not be committed: let the slot hand it back
      throw new IllegalStateException("cannot dead-letter " + record.key() + ": " + e.getCause(), e.getCause());
    }
  }

  private static void header(Headers headers, String name, String value) {
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
