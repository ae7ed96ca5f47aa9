package io.funit.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.testing.Infra;
import io.funit.common.testing.InfraExtension;
import io.funit.common.testing.TopicReader;
import io.funit.common.worker.probe.ProbeJob;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Records no worker can read end in the dead-letter topic with their reason, and the queue moves on. */
@ExtendWith(InfraExtension.class)
class PoisonMessageIT {
  @Test
  void poisonMessagesAreDeadLetteredWithTheirReasonAndTheQueueMovesOn(Infra infra) throws Exception {
    try (TestStack stack = new TestStack(infra, Map.of())) {
      stack.startGateway();
      stack.startWorker("worker-p");
      String workTopic = stack.kafka.topics().work(ProbeJob.TYPE);
      try (KafkaProducer<String, String> producer = stack.kafka.producer("poisoner")) {
        producer.send(new ProducerRecord<>(workTopic, "poison-1", "this is not JSON")).get();
        producer.send(new ProducerRecord<>(workTopic, "poison-2",
            "{\"schema_version\": 99, \"job_id\": \"poison-2\", \"type\": \"probe\", \"created_at\": \"2026-01-01T00:00:00Z\", \"request\": {}}")).get();
      }
      String healthy = stack.submitProbe("{\"steps\": 1}");
      stack.awaitState(healthy, "succeeded", Duration.ofSeconds(60));

      String deadLetterTopic = stack.kafka.topics().deadLetter(ProbeJob.TYPE);
      await().atMost(Duration.ofSeconds(60)).until(() -> TopicReader.readAll(stack.kafka, deadLetterTopic).size() >= 2);
      List<ConsumerRecord<String, String>> dead = TopicReader.readAll(stack.kafka, deadLetterTopic);
      assertThat(dead).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("poison-1", "poison-2");
      for (ConsumerRecord<String, String> record : dead) {
        assertThat(header(record, "funit.dlq.reason")).isEqualTo("unreadable_record");
        assertThat(header(record, "funit.dlq.source")).startsWith(workTopic + "-");
      }
      assertThat(dead.stream().filter(r -> r.key().equals("poison-2")).findFirst().map(r -> header(r, "funit.dlq.message")))
          .get().asString().contains("schema version 99");
      assertThat(dead.stream().filter(r -> r.key().equals("poison-1")).findFirst().map(ConsumerRecord::value))
          .contains("this is not JSON");

      JsonNode poisoned = stack.awaitState("poison-1", "failed", Duration.ofSeconds(30));
      assertThat(poisoned.path("error").path("code").asText()).isEqualTo("unreadable_record");
    }
  }

  private static String header(ConsumerRecord<String, String> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
