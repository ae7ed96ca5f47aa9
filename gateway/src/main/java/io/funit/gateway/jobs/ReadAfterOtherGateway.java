package io.funit.gateway.jobs;

import io.funit.common.kafka.JobStateProjection;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A job accepted by one gateway is unknown to another until that one's projection has read the job's first event,
 * milliseconds to a second later; a client behind a load balancer that polls another gateway than it submitted to
 * would get a 404 for the job it was just given (seen in the chaos suite's two-gateway layout). A read naming a job
 * this gateway does not know waits, at most {@link #MAX_WAIT}, until the projection has read everything written to
 * the job-event topic before the request, and then goes on: the job is found, or the 404 is true. A known job costs
 * nothing; an unknown id costs one end-offset lookup and the reader's next poll.
 */
public final class ReadAfterOtherGateway {
  /** The job collections whose paths name a job by id; what follows the id (outputs, report, ...) is the job's too. */
  static final Pattern JOB_PATH =
      Pattern.compile("^/v1/(?:jobs|translations|trainings|evaluations|datasets)/([^/]+)");
  /** Long enough for a reader behind by a poll and a broker round trip; a dead broker answers 404 after it. */
  static final Duration MAX_WAIT = Duration.ofSeconds(2);
  private final JobStateProjection jobs;

  public ReadAfterOtherGateway(JobStateProjection jobs) {
    this.jobs = jobs;
  }

  public void mount(Router router) {
    // no method on the route: it is not an endpoint of its own (the OpenAPI test lists endpoints by method)
    router.route("/v1/*").handler(this::awaitUnknownJob);
  }

  private void awaitUnknownJob(RoutingContext ctx) {
    String id = unknownJobRead(ctx.request().method(), ctx.request().path());
    if (id == null) {
      ctx.next();
      return;
    }
    Future.fromCompletionStage(jobs.catchUp().orTimeout(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS),
        ctx.vertx().getOrCreateContext()).onComplete(done -> ctx.next());
  }

  /** The id of the job a read names when this gateway does not know it; null otherwise. */
  String unknownJobRead(HttpMethod method, String path) {
    if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
      return null;
    }
    Matcher matcher = JOB_PATH.matcher(path);
    return matcher.find() && jobs.get(matcher.group(1)).isEmpty() ? matcher.group(1) : null;
  }
}
