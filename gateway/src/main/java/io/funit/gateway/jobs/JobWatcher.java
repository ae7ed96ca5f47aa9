package io.funit.gateway.jobs;

import io.funit.common.contract.JobEvent;
import io.funit.common.kafka.JobStateProjection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches jobs through the projection's change listeners, on a Vert.x context: nothing polls and no thread waits.
 * Listeners run on Kafka threads, so every change is handed to the caller's context before anything else happens.
 */
public final class JobWatcher {
  private static final Logger LOG = LoggerFactory.getLogger(JobWatcher.class);

  private final Vertx vertx;
  private final JobStateProjection jobs;

  public JobWatcher(Vertx vertx, JobStateProjection jobs) {
    this.vertx = vertx;
    this.jobs = jobs;
  }

  /**
   * Calls {@code onChange} on {@code context} with the job's view after each change, in the order the changes
   * were applied. Close the handle to stop.
   */
  public AutoCloseable follow(String jobId, Context context, Consumer<JobEvent> onChange) {
    return jobs.subscribe(jobId, job -> context.runOnContext(v -> onChange.accept(job)));
  }

  /**
   * The job once it is terminal, or its view when {@code timeout} has passed first. Call on a Vert.x context (a
   * request handler's); the future completes there.
   */
  public Future<JobEvent> awaitTerminal(String jobId, Duration timeout) {
    Context context = vertx.getOrCreateContext();
    Promise<JobEvent> done = Promise.promise();
    AutoCloseable subscription = follow(jobId, context, job -> {
      if (job.state().terminal()) {
        done.tryComplete(job);
      }
    });
    long timer = vertx.setTimer(Math.max(1, timeout.toMillis()),
        t -> done.tryComplete(jobs.get(jobId).orElse(null)));
    // the job may have ended before the subscription existed: no later change would report it
    jobs.get(jobId).filter(job -> job.state().terminal())
        .ifPresent(job -> context.runOnContext(v -> done.tryComplete(job)));
    return done.future().onComplete(result -> {
      vertx.cancelTimer(timer);
      closeQuietly(subscription);
    });
  }

  static void closeQuietly(AutoCloseable subscription) {
    try {
      subscription.close();
    } catch (Exception e) {
      LOG.warn("cannot unsubscribe from job changes: {}", e.toString());
    }
  }
}
