package io.funit.deploy.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * A worker node lost mid-job: SIGKILL to every process on the first worker host of a kind while it runs a job of
 * that kind, then a replacement started on the same host after a pause (as an orchestrator reschedules the pod).
 */
final class KillWorkerHost implements Scenario {
  private static final Duration REPLACEMENT_DELAY = Duration.ofSeconds(5);
  private final String kind;

  KillWorkerHost(String kind) {
    this.kind = kind;
  }

  @Override
  public String name() {
    return "kill-" + kind + "-worker";
  }

  @Override
  public String description() {
    return "SIGKILL to every process of host " + kind + "-1 while it runs a job of type " + kind
        + "; a replacement starts on it " + REPLACEMENT_DELAY.toSeconds() + " s later";
  }

  @Override
  public void inject(ScenarioContext context) throws Exception {
    String host = kind + "-1";
    switch (kind) {
      case "train" -> {
        // after its first checkpoint, so that the kill tests the resume and not a restart from zero
        boolean ready = ScenarioContext.await(() -> {
          JsonNode job = context.job(context.training());
          return job.path("state").asText().equals("running") && host.equals(job.path("worker_id").asText())
              && job.path("progress").path("done").asLong() >= 30;
        }, Duration.ofSeconds(240));
        context.note("training_iteration_at_kill", context.job(context.training()).path("progress")
            .path("done").asLong());
        context.note("job_was_running_on_host", ready);
      }
      case "eval" -> context.note("job_was_running_on_host",
          context.awaitRunningOn(context.evaluation(), host, Duration.ofSeconds(240)));
      default -> Thread.sleep(10_000); // the translation clients keep jobs in flight on the worker all the time
    }
    context.note("killed_at_s", context.elapsedSeconds());
    context.stack().kill(host);
    Thread.sleep(REPLACEMENT_DELAY.toMillis());
    context.stack().start(host);
  }
}
