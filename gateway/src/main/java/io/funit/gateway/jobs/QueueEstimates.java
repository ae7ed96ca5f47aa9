package io.funit.gateway.jobs;

import io.funit.common.contract.JobEvent;
import io.funit.common.contract.JobState;
import io.funit.common.kafka.JobStateProjection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where a queued job stands: its place among the queued jobs of its type (1 = next), and an ETA for its start from
 * the rate at which jobs of that type finished recently, which accounts for however many workers serve the type.
 * Positions count every tenant's jobs (they share the workers); the jobs themselves stay invisible.
 */
public final class QueueEstimates {
  /** How far a position is counted; beyond it the position is shown as this bound. */
  private static final int MAX_SCAN = 10_000;
  /** Recent finished jobs looked at, and the window that defines "recent". */
  private static final int RATE_SAMPLE = 200;
  private static final Duration RATE_WINDOW = Duration.ofMinutes(10);

  private final JobStateProjection jobs;

  public QueueEstimates(JobStateProjection jobs) {
    this.jobs = jobs;
  }

  /**
   * @param position 1 + the queued jobs of the same type submitted before it
   * @param etaSeconds seconds until it starts, at the recent finishing rate; null when nothing finished recently
   */
  public record Estimate(int position, Double etaSeconds) {}

  /** The estimate of a queued job; null for a job that is not queued. */
  public Estimate of(JobEvent job) {
    if (job.state() != JobState.QUEUED) {
      return null;
    }
    int position = jobs.queuedBefore(job, MAX_SCAN) + 1;
    double rate = finishedPerSecond(job);
    return new Estimate(position, rate > 0 ? Math.round(position / rate * 10) / 10.0 : null);
  }

  private double finishedPerSecond(JobEvent job) {
    Instant since = Instant.now().minus(RATE_WINDOW);
    long finished = 0;
    for (JobState terminal : List.of(JobState.SUCCEEDED, JobState.FAILED)) {
      finished += jobs.page(job.type(), terminal, null, RATE_SAMPLE).stream()
          .filter(done -> done.updatedAt() != null && done.updatedAt().isAfter(since)).count();
    }
    return finished / (double) RATE_WINDOW.toSeconds();
  }
}
