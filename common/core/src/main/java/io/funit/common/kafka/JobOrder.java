package io.funit.common.kafka;

import io.funit.common.contract.JobEvent;
import java.time.Instant;
import java.util.Comparator;

/** A job's position in listings: newest first, ties broken by id so that the order is total and a cursor exact. */
public record JobOrder(Instant createdAt, String jobId) implements Comparable<JobOrder> {
  private static final Comparator<JobOrder> NEWEST_FIRST = Comparator.comparing(JobOrder::createdAt).reversed()
      .thenComparing(JobOrder::jobId, Comparator.reverseOrder());

  public static JobOrder of(JobEvent job) {
    return new JobOrder(job.createdAt(), job.jobId());
  }

  @Override
  public int compareTo(JobOrder other) {
    return NEWEST_FIRST.compare(this, other);
  }
}
