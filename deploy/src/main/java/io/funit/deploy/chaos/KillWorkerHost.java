package io.funit.deploy.chaos;

import java.time.Duration;
import java.util.Optional;

/**
 * A worker node lost mid-job: SIGKILL to every process on the worker host that runs the load's job of a kind (for
 * translations, which every host serves, the first host), then a replacement started on the same host after a pause
 * (as an orchestrator reschedules the pod).
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
    return "SIGKILL to every process of the " + kind + " host that runs a job of type " + kind
        + "; a replacement starts on it " + REPLACEMENT_DELAY.toSeconds() + " s later";
  }

  @Override
  public void inject(ScenarioContext context) throws Exception {
    String host = switch (kind) {
      // after its first checkpoint, so that the kill tests the resume and not a restart from zero
      case "train" -> jobHost(context, context.training(), 30);
      case "eval" -> jobHost(context, context.evaluation(), 0);
      default -> {
        Thread.sleep(10_000); // the translation clients keep jobs in flight on every translate host all the time
        yield kind + "-1";
      }
    };
    if (kind.equals("train")) {
      context.note("training_iteration_at_kill", context.job(context.training()).path("progress")
          .path("done").asLong());
    }
    context.note("killed_host", host);
    context.note("killed_at_s", context.elapsedSeconds());
    context.stack().kill(host);
    Thread.sleep(REPLACEMENT_DELAY.toMillis());
    context.stack().start(host);
  }

  /** The host running the job (noted whether it ran), or the kind's first host when it did not start in time. */
  private String jobHost(ScenarioContext context, String job, long minDone) throws InterruptedException {
    Optional<String> host = context.awaitRunningHost(job, minDone, Duration.ofSeconds(240));
    context.note("job_was_running_on_host", host.isPresent());
    return host.orElse(kind + "-1");
  }
}
