package io.funit.common.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the system's topics at start-up; existing topics are left as they are, so any service may run it. */
public final class TopicInitializer {
  private static final Logger LOG = LoggerFactory.getLogger(TopicInitializer.class);

  private static final Duration LISTED_TIMEOUT = Duration.ofSeconds(30);

  private TopicInitializer() {}

  public static void ensureTopics(KafkaClients clients) {
    Topics topics = clients.topics();
    short replication = clients.settings().replicationFactor();
    try (Admin admin = clients.admin()) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = topics.all().stream()
          .filter(spec -> !existing.contains(spec.name()))
          .map(spec -> new NewTopic(spec.name(), spec.partitions(), replication).configs(spec.configs()))
          .toList();
      for (NewTopic topic : missing) {
        try {
          admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
          LOG.info("created topic {} ({} partitions)", topic.name(), topic.numPartitions());
        } catch (ExecutionException e) {
          // another service created it between our list and our create: that is fine
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + topic.name() + ": " + e.getCause(), e);
          }
        }
      }
      if (!missing.isEmpty()) {
        awaitListed(admin, topics.all().stream().map(Topics.TopicSpec::name).toList());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot reach Kafka at " + clients.settings().bootstrapServers()
          + " to create topics: " + e, e);
    }
  }

  /**
   * A created topic reaches the brokers' metadata a moment after the controller acknowledges it; a service
   * that starts consuming or listing before then sees it missing. Wait until every topic is listed.
   */
  private static void awaitListed(Admin admin, List<String> names)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + LISTED_TIMEOUT.toNanos();
    while (true) {
      Set<String> listed = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<String> absent = names.stream().filter(name -> !listed.contains(name)).toList();
      if (absent.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("topics created but not listed after " + LISTED_TIMEOUT + ": " + absent);
      }
      Thread.sleep(100);
    }
  }
}
