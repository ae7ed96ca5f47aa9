package io.funit.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.contract.JobEvent;
import io.funit.common.contract.JobEventType;
import io.funit.common.testing.Infra;
import io.funit.common.testing.InfraExtension;
import io.funit.common.testing.TopicReader;
import io.funit.common.worker.WorkerRuntime;
import io.funit.common.worker.probe.ProbeJob;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Graceful shutdown hands work back; redelivery of finished work changes nothing. */
@ExtendWith(InfraExtension.class)
class HandBackIT {
  @Test
  void stoppingWorkerHandsItsJobBackToAnotherWorker(Infra infra) throws Exception {
    try (TestStack stack = new TestStack(infra, Map.of())) {
      stack.startGateway();
      WorkerRuntime leaving = stack.startWorker("leaving");
      String id = stack.submitProbe("{\"steps\": 30, \"step_millis\": 100}");
      await().atMost(Duration.ofSeconds(60)).until(() -> stack.job(id).path("progress").path("done").asInt() >= 2);
      stack.stop(leaving);
      assertThat(stack.job(id).path("state").asText()).isEqualTo("queued");

      stack.startWorker("staying");
      JsonNode job = stack.awaitState(id, "succeeded", Duration.ofSeconds(60));
      assertThat(job.path("worker_id").asText()).isEqualTo("staying");
      assertThat(stack.events(id)).extracting(JobEvent::event).contains(JobEventType.REQUEUED);
    }
  }

  @Test
  void redeliveredFinishedJobIsSkippedAndKeepsItsOneResult(Infra infra) throws Exception {
    try (TestStack stack = new TestStack(infra, Map.of())) {
      stack.startGateway();
      stack.startWorker("worker-1");
      String id = stack.submitProbe("{\"steps\": 1, \"message\": \"once\"}");
      JsonNode done = stack.awaitState(id, "succeeded", Duration.ofSeconds(60));

      // the same work record again, as after a crash between the final event and the offset commit
      String workTopic = stack.kafka.topics().work(ProbeJob.TYPE);
      ConsumerRecord<String, String> original = TopicReader.readAll(stack.kafka, workTopic).stream()
          .filter(r -> id.equals(r.key())).findFirst().orElseThrow();
      try (KafkaProducer<String, String> producer = stack.kafka.producer("redeliverer")) {
        producer.send(new ProducerRecord<>(workTopic, original.key(), original.value())).get();
      }
      String marker = stack.submitProbe("{\"steps\": 1}");   // same topic, so processed after the redelivery
      stack.awaitState(marker, "succeeded", Duration.ofSeconds(60));

      assertThat(stack.job(id)).isEqualTo(done);
      List<JobEvent> events = stack.events(id);
      assertThat(events).filteredOn(e -> e.event() == JobEventType.STARTED).hasSize(1);
      assertThat(events).filteredOn(e -> e.event() == JobEventType.SUCCEEDED).hasSize(1);
    }
  }
}
