package io.funit.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.funit.common.config.Settings;
import io.funit.common.testing.Infra;
import io.funit.common.testing.InfraExtension;
import io.funit.common.translate.TranslateJob;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(InfraExtension.class)
class TopicInitializerIT {
  @Test
  void topicsAreCreatedOnceWithTheirDocumentedShape(Infra infra) throws Exception {
    Settings settings = infra.isolatedSettings(Map.of());
    KafkaClients kafka = Infra.kafka(settings);
    TopicInitializer.ensureTopics(kafka);   // a second service starting: nothing to do, no error
    Topics topics = kafka.topics();
    try (Admin admin = kafka.admin()) {
      var names = admin.listTopics().names().get();
      assertThat(names).containsAll(topics.all().stream().map(Topics.TopicSpec::name).toList());
      var described = admin.describeTopics(List.of(topics.jobEvents(), topics.work(TranslateJob.TYPE)))
          .allTopicNames().get();
      assertThat(described.get(topics.jobEvents()).partitions()).hasSize(12);
      assertThat(described.get(topics.work(TranslateJob.TYPE)).partitions()).hasSize(12);
      ConfigResource events = new ConfigResource(ConfigResource.Type.TOPIC, topics.jobEvents());
      Config config = admin.describeConfigs(List.of(events)).all().get().get(events);
      assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
    }
  }
}
