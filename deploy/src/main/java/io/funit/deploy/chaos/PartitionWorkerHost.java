package io.funit.deploy.chaos;

import java.time.Duration;

/**
 * A zombie: the first train-worker host cut off from the network while it runs the training, for longer than the
 * Kafka session timeout (its partitions are reassigned and the job may be started again elsewhere), then healed, so
 * that the old run comes back and must not publish over the new one.
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
    return "host " + kind + "-1 cut off for " + PARTITION.toSeconds() + " s (session timeout 10 s) while it runs a job "
        + "of type " + kind + ", then healed";
  }

  @Override
  public void inject(ScenarioContext context) throws Exception {
    String host = kind + "-1";
    String job = kind.equals("train") ? context.training() : context.evaluation();
    if (job != null) {
      context.note("job_was_running_on_host", context.awaitRunningOn(job, host, Duration.ofSeconds(240)));
    } else {
      Thread.sleep(10_000);
    }
    NetworkLab.Host target = context.lab().host(host);
    context.note("partitioned_at_s", context.elapsedSeconds());
    context.lab().partition(target);
    Thread.sleep(PARTITION.toMillis());
    context.lab().heal(target);
  }
}
