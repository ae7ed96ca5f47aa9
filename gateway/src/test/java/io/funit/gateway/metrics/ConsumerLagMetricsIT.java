package io.funit.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.funit.common.kafka.KafkaClients;
import io.funit.common.testing.Infra;
import io.funit.common.testing.InfraExtension;
import io.funit.common.training.TrainJob;
import io.funit.common.worker.probe.ProbeJob;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The lag a worker group has on its work topic, read from a real broker: what an autoscaler sees. */
@ExtendWith(InfraExtension.class)
class ConsumerLagMetricsIT {
  @Test
  void lagCountsRecordsTheGroupHasNotCommittedEvenWithNoWorkerRunning(Infra infra) throws Exception {
    KafkaClients kafka = Infra.kafka(infra.isolatedSettings(Map.of()));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    String topic = kafka.topics().work(ProbeJob.TYPE);
    String group = kafka.topics().workerGroup(ProbeJob.TYPE);
    try (Admin admin = kafka.admin(); KafkaProducer<String, String> producer = kafka.producer("lag-test")) {
      ConsumerLagMetrics lag = new ConsumerLagMetrics(admin, kafka.topics(), registry);
      assertThat(value(registry, topic, group)).as("not read yet").isEqualTo(-1);
      lag.refresh();
      assertThat(value(registry, topic, group)).isZero();

      // five records on one partition, none consumed: no worker of the type exists (scaled to zero)
      for (int i = 0; i < 5; i++) {
        producer.send(new ProducerRecord<>(topic, 0, "job-" + i, "{}")).get();
      }
      lag.refresh();
      assertThat(value(registry, topic, group)).isEqualTo(5);
      assertThat(value(registry, kafka.topics().work(TrainJob.TYPE), kafka.topics().workerGroup(TrainJob.TYPE)))
          .isZero();

      // the group commits past three of them, as workers do after the jobs' terminal events
      try (KafkaConsumer<String, String> worker = kafka.workConsumer(group, "lag-test-worker", 1)) {
        worker.assign(List.of(new TopicPartition(topic, 0)));
        worker.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(3)), Duration.ofSeconds(10));
      }
      lag.refresh();
      assertThat(value(registry, topic, group)).isEqualTo(2);
      lag.close();
    }
  }

  private static double value(SimpleMeterRegistry registry, String topic, String group) {
    return registry.get("funit.kafka.consumer.lag").tag("topic", topic).tag("group", group).gauge().value();
  }
}
