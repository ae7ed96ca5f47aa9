package io.funit.common.kafka;

import io.funit.common.contract.JobType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every topic name, and how each is created. The layout (docs/architecture.md, "Topics"):
 * <ul>
 *   <li>{@code <prefix>jobs.<type>}: work records keyed by job id, deleted after 7 days;</li>
 *   <li>{@code <prefix>jobs.<type>.dlq}: records that could not be processed, with the reason in headers, 30 days;</li>
 *   <li>{@code <prefix>job-events}: job state snapshots keyed by job id, compacted (the latest per job is kept).</li>
 * </ul>
 */
public final class Topics {
  static final int EVENT_PARTITIONS = 12;
  static final Duration WORK_RETENTION = Duration.ofDays(7);
  static final Duration DLQ_RETENTION = Duration.ofDays(30);

  private final String prefix;

  public Topics(String prefix) {
    this.prefix = prefix;
  }

  public String work(JobType type) {
    return prefix + "jobs." + type.wireName();
  }

  public String deadLetter(JobType type) {
    return prefix + "jobs." + type.wireName() + ".dlq";
  }

  public String jobEvents() {
    return prefix + "job-events";
  }

  /** Consumer group of the workers of one job type: all workers of a type share the type's partitions. */
  public String workerGroup(JobType type) {
    return prefix + "workers." + type.wireName();
  }

  /** Partitions of a type's work topic: at most this many workers of the type run its jobs at once. */
  public int workPartitions(JobType type) {
    return io.funit.common.jobs.JobDescriptors.of(type).workPartitions();
  }

  /** The topics to create at start-up, with partitions and configs. */
  public List<TopicSpec> all() {
    List<TopicSpec> specs = new ArrayList<>();
    for (JobType type : io.funit.common.jobs.JobDescriptors.types()) {
      specs.add(new TopicSpec(work(type), workPartitions(type), Map.of(
          "cleanup.policy", "delete",
          "retention.ms", Long.toString(WORK_RETENTION.toMillis()))));
      specs.add(new TopicSpec(deadLetter(type), 1, Map.of(
          "cleanup.policy", "delete",
          "retention.ms", Long.toString(DLQ_RETENTION.toMillis()))));
    }
    specs.add(new TopicSpec(jobEvents(), EVENT_PARTITIONS, Map.of(
        "cleanup.policy", "compact",
        // keep every event of the last hour uncompacted, so live readers (SSE, webhooks) see each change
        "min.compaction.lag.ms", Long.toString(Duration.ofHours(1).toMillis()),
        "segment.ms", Long.toString(Duration.ofDays(1).toMillis()))));
    return specs;
  }

  /** A topic to create: name, partitions and topic-level configs. */
  public record TopicSpec(String name, int partitions, Map<String, String> configs) {}
}
