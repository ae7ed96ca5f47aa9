package io.funit.gateway.jobs;

import io.funit.common.kafka.JobStateProjection;
import io.funit.gateway.auth.Principal;
import io.funit.gateway.problem.Problem;
import io.funit.gateway.problem.ProblemException;
import io.vertx.ext.web.RoutingContext;

/**
 * FUNIT_MAX_ACTIVE_JOBS: how many queued or running jobs one tenant may have. The rate limit bounds requests per
 * key; this bounds the work a tenant holds in the queues, so one tenant cannot starve the others' jobs. It counts
 * the projection at submission, so requests racing each other may pass it by a few; it is a fairness bound, not an
 * exact one. Every tenant is bound, the operators' (default) one too. The projection keeps the count as events arrive:
 * a scan of every known job per submission grew with the job history.
 */
public final class ActiveJobQuota {
  /** Long enough for a probe or a translation to finish; a client retrying sooner would only be refused again. */
  static final int RETRY_AFTER_SECONDS = 10;
  private final JobStateProjection jobs;
  private final int maxActive;
  private final io.micrometer.core.instrument.Counter refused;

  public ActiveJobQuota(JobStateProjection jobs, int maxActive, io.micrometer.core.instrument.MeterRegistry metrics) {
    this.jobs = jobs;
    this.maxActive = maxActive;
    this.refused = io.micrometer.core.instrument.Counter.builder("funit.requests.refused")
        .description("Requests refused with a 429, by reason").tag("reason", "quota-exceeded").register(metrics);
  }

  /** Throws a 429 {@code quota-exceeded} when the caller's tenant already has {@code maxActive} unfinished jobs. */
  public void check(RoutingContext ctx) {
    String tenant = Principal.of(ctx).tenant();
    int active = jobs.unfinished(tenant);
    if (active >= maxActive) {
      refused.increment();
      ctx.response().putHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
      throw new ProblemException(Problem.of(429, "quota-exceeded", "Quota exceeded", "tenant '" + tenant
          + "' has " + active + " unfinished jobs, the most allowed (FUNIT_MAX_ACTIVE_JOBS=" + maxActive
          + "); retry when some have finished, or cancel some"));
    }
  }
}
