package io.funit.gateway.jobs;

import io.funit.common.contract.JobEvent;
import io.funit.common.json.Json;
import io.funit.common.kafka.JobStateProjection;
import io.funit.gateway.problem.ProblemException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /v1/jobs/{id}/events}: the job's changes as Server-Sent Events. First the current view, then one event
 * per change (event name = the job event type, data = the job as {@code GET /v1/jobs/{id}} shows it, id = a running
 * number), a comment every 15 s so proxies keep the connection, and the end of the stream after the terminal event.
 */
public final class JobEventStream {
  static final long HEARTBEAT_MILLIS = 15_000;

  private final Vertx vertx;
  private final JobStateProjection jobs;
  private final QueueEstimates queue;
  private final JobWatcher watcher;

  public JobEventStream(Vertx vertx, JobStateProjection jobs, JobWatcher watcher) {
    this.vertx = vertx;
    this.jobs = jobs;
    this.queue = new QueueEstimates(jobs);
    this.watcher = watcher;
  }

  public void mount(Router router) {
    router.get("/v1/jobs/:id/events").handler(this::stream);
  }

  private void stream(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (jobs.get(id).filter(io.funit.gateway.tenants.Ownership.visible(ctx)).isEmpty()) {
      throw ProblemException.notFound("no job " + id);
    }
    HttpServerResponse response = ctx.response().setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no"); // nginx would otherwise hold events back
    new Stream(id, response, vertx.getOrCreateContext()).start();
  }

  /** One client's stream; every method runs on the request's context. */
  private final class Stream {
    private final String jobId;
    private final HttpServerResponse response;
    private final Context context;
    private AutoCloseable subscription;
    private long heartbeat;
    private long sequence;
    private String lastEventId;
    private boolean closed;

    Stream(String jobId, HttpServerResponse response, Context context) {
      this.jobId = jobId;
      this.response = response;
      this.context = context;
    }

    void start() {
      response.closeHandler(v -> stop());
      // subscribe before the snapshot, so no change falls between them; duplicates are dropped by event id
      subscription = watcher.follow(jobId, context, this::send);
      heartbeat = vertx.setPeriodic(HEARTBEAT_MILLIS, t -> {
        if (!closed) {
          response.write(": heartbeat\n\n");
        }
      });
      jobs.get(jobId).ifPresent(this::send);
    }

    private void send(JobEvent job) {
      if (closed || job.eventId() != null && job.eventId().equals(lastEventId)) {
        return;
      }
      lastEventId = job.eventId();
      // one line of compact JSON: an SSE data field ends at the first newline
      response.write("id: " + (++sequence) + "\nevent: " + job.event().wireName() + "\ndata: "
          + Json.write(JobView.of(job, queue.of(job))) + "\n\n");
      if (job.state().terminal()) {
        stop();
        response.end();
      }
    }

    private void stop() {
      if (closed) {
        return;
      }
      closed = true;
      vertx.cancelTimer(heartbeat);
      JobWatcher.closeQuietly(subscription);
    }
  }
}
