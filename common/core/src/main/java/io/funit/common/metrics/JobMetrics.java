package io.funit.common.metrics;

import io.funit.common.contract.JobType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;

/**
 * What a worker counts of its jobs, by type: runs (attempts) started, runs ended by outcome, and the histograms of
 * queue wait and run duration. Every started run ends with exactly one outcome, so started minus finished is what
 * runs now. Every series of the worker's types exists from the start (at 0), so a rate over a fresh process is 0
 * rather than absent.
 */
public final class JobMetrics {
  /** How one run of a job on this worker ended. */
  public enum Outcome {
    SUCCEEDED, FAILED, CANCELED,
    /** failed, and the job runs again after a backoff */
    RETRIED,
    /** given back to the queue: the worker stopped or lost the partition */
    HANDED_BACK,
    /** another worker runs a newer attempt */
    SUPERSEDED,
    /** the worker could not record how the run ended (Kafka unavailable, or stopped past its grace); redelivered */
    ERROR;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final MeterRegistry registry;

  public JobMetrics(MeterRegistry registry, Collection<JobType> types) {
    this.registry = registry;
    for (JobType type : types) {
      started(type);
      queueWait(type);
      for (Outcome outcome : Outcome.values()) {
        finished(type, outcome);
        duration(type, outcome);
      }
    }
  }

  /** A run starts; {@code queueWait} is how long the job waited in the queue (null when unknown: a crash's redelivery). */
  public void runStarted(JobType type, Duration queueWait) {
    started(type).increment();
    if (queueWait != null && !queueWait.isNegative()) {
      queueWait(type).record(queueWait);
    }
  }

  public void runEnded(JobType type, Outcome outcome, Duration duration) {
    finished(type, outcome).increment();
    duration(type, outcome).record(duration);
  }

  private Counter started(JobType type) {
    return Counter.builder("funit.jobs.started").description("Job runs started by this worker (attempts)")
        .tag("type", type.wireName()).register(registry);
  }

  private Counter finished(JobType type, Outcome outcome) {
    return Counter.builder("funit.jobs.finished").description("Job runs ended by this worker, by outcome")
        .tag("type", type.wireName()).tag("outcome", outcome.label()).register(registry);
  }

  private Timer duration(JobType type, Outcome outcome) {
    return Timer.builder("funit.job.duration").description("Run time of a job on this worker, start to end")
        .tag("type", type.wireName()).tag("outcome", outcome.label())
        .serviceLevelObjectives(Buckets.JOB_SECONDS).register(registry);
  }

  private Timer queueWait(JobType type) {
    return Timer.builder("funit.job.queue.wait").description("Time from queued (or handed back) to started")
        .tag("type", type.wireName()).serviceLevelObjectives(Buckets.JOB_SECONDS).register(registry);
  }
}
