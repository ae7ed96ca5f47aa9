package io.funit.gateway.jobs;

import io.funit.common.contract.JobEvent;
import io.funit.common.contract.JobState;
import io.funit.common.contract.JobType;
import io.funit.common.kafka.JobOrder;
import io.funit.common.kafka.JobStateProjection;
import io.funit.gateway.http.HttpJson;
import io.funit.gateway.problem.ProblemException;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * One page of jobs as every listing ({@code /v1/jobs} and the feature listings such as {@code /v1/trainings}) reads
 * it from the query, of the jobs the caller may see: {@code status=}, {@code limit=} (1..500, default 50) and {@code cursor=}, newest first.
 *
 * @param items the jobs of the page
 * @param nextCursor continues the listing; null on the last page
 */
public record JobListing(List<JobEvent> items, String nextCursor) {
  static final int DEFAULT_PAGE = 50;
  static final int MAX_PAGE = 500;

  /** @param type the jobs' type; null lists every type */
  public static JobListing of(RoutingContext ctx, JobStateProjection jobs, JobType type) {
    JobState state = ctx.queryParam("status").isEmpty() ? null
        : HttpJson.parse(() -> JobState.fromWire(ctx.queryParam("status").get(0)));
    int limit = DEFAULT_PAGE;
    if (!ctx.queryParam("limit").isEmpty()) {
      try {
        limit = Integer.parseInt(ctx.queryParam("limit").get(0).trim());
      } catch (NumberFormatException e) {
        limit = -1; // reported below
      }
      if (limit < 1 || limit > MAX_PAGE) {
        throw ProblemException.badRequest("limit", "must be a number from 1 to " + MAX_PAGE);
      }
    }
    JobOrder after = ctx.queryParam("cursor").isEmpty() ? null : Cursor.decode(ctx.queryParam("cursor").get(0));
    // only the caller's tenant's jobs (all for an admin): the cursor is a position, so filtering keeps it valid
    List<JobEvent> page = jobs.page(type, state, after, limit, io.funit.gateway.tenants.Ownership.visible(ctx));
    // a full page may be followed by more: the cursor is the position of its last job
    String next = page.size() == limit ? Cursor.encode(JobOrder.of(page.get(page.size() - 1))) : null;
    return new JobListing(page, next);
  }
}
