package io.funit.deploy.chaos;

import java.time.Duration;
import java.util.Optional;

/**
 * A zombie: the worker host that runs the load's training (or evaluation) cut off from the network mid-job for longer
 * than the Kafka session timeout (its partitions are reassigned and the job may be started again elsewhere), then
 * healed, so that the old run comes back and must not publish over the new one.
 */
final class PartitionWorkerHost implements Scenario {
  private static final Duration PARTITION = Duration.ofSeconds(45);
  private final String kind;

  PartitionWorkerHost(String kind) {
    this.kind = kind;
  }

  @Override
  public String name() {
    return "partition-" + kind + "-worker";
  }

  @Override
  public String description() {
    return "the " + kind + " host that runs a job of type " + kind + " cut off for " + PARTITION.toSeconds()
        + " s (session timeout 10 s), then healed";
  }

  @Override
  public void inject(ScenarioContext context) throws Exception {
    String host = kind + "-1";
    String job = kind.equals("train") ? context.training() : context.evaluation();
    if (job != null) {
      Optional<String> running = context.awaitRunningHost(job, 0, Duration.ofSeconds(240));
      context.note("job_was_running_on_host", running.isPresent());
      host = running.orElse(host);
    } else {
      Thread.sleep(10_000);
    }
    context.note("partitioned_host", host);
    NetworkLab.Host target = context.lab().host(host);
    context.note("partitioned_at_s", context.elapsedSeconds());
    context.lab().partition(target);
    Thread.sleep(PARTITION.toMillis());
    context.lab().heal(target);
  }
}
