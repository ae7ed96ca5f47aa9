package io.funit.common.worker;

import io.funit.common.contract.JobEvent;
import io.funit.common.contract.JobEventType;
import io.funit.common.contract.JobState;
import io.funit.common.contract.Progress;
import io.funit.common.kafka.JobEventPublisher;
import io.funit.common.kafka.JobStateProjection;
import io.funit.common.storage.StorageKeys;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The context of one attempt of one job. */
final class RunningJobContext implements JobContext {
  private static final long STOP_POLL_MILLIS = 100;

  private final String jobId;
  private final int attempt;
  private final String workerId;
  private final String slot;
  private final StopSignal stop;
  private final JobStateProjection projection;
  private final JobEventPublisher events;
  private final Duration progressInterval;
  private final Map<String, byte[]> attachments;
  private long lastProgressNanos;

  RunningJobContext(JobEvent started, String workerId, String slot, StopSignal stop, JobStateProjection projection,
      JobEventPublisher events, Duration progressInterval, Map<String, byte[]> attachments) {
    this.attachments = attachments;
    this.jobId = started.jobId();
    this.attempt = started.attempt();
    this.workerId = workerId;
    this.slot = slot;
    this.stop = stop;
    this.projection = projection;
    this.events = events;
    this.progressInterval = progressInterval;
  }

  @Override
  public String jobId() {
    return jobId;
  }

  @Override
  public int attempt() {
    return attempt;
  }

  @Override
  public String workerId() {
    return workerId;
  }

  @Override
  public String slot() {
    return slot;
  }

  @Override
  public Optional<byte[]> attachment(String key) {
    return Optional.ofNullable(attachments.get(key));
  }

  @Override
  public String outputKey(String name) {
    return StorageKeys.output(jobId, name);
  }

  @Override
  public void progress(long done, long total, String message) {
    progress(done, total, message, null);
  }

  @Override
  public void progress(long done, long total, String message, java.util.Map<String, Double> metrics) {
    checkStop();
    long now = System.nanoTime();
    boolean last = total > 0 && done >= total;
    if (!last && now - lastProgressNanos < progressInterval.toNanos()) {
      return;
    }
    lastProgressNanos = now;
    projection.get(jobId).filter(job -> !job.state().terminal()).ifPresent(job -> {
      JobEvent event = job.next(JobEventType.PROGRESS, JobState.RUNNING, workerId)
          .withProgress(new Progress(done, total, message, metrics));
      if (last) {
        // the final progress must land before the terminal event is built from the projection, else the
        // succeeded snapshot can show the progress of the step before
        events.publishAndWait(event);
      } else {
        // intermediate progress is informative: publish without waiting, a lost one is replaced by the next
        events.publish(event);
      }
    });
  }

  @Override
  public void checkStop() {
    if (stop.handedBack()) {
      throw new JobStoppedException("worker " + workerId + " is handing the job back");
    }
    checkCanceled();
  }

  @Override
  public void checkCanceled() {
    JobEvent job = projection.get(jobId).orElse(null);
    if (job == null) {
      return;
    }
    // a terminal state here means the job was canceled while queued, just as this worker picked it up
    if (job.cancelRequested() || job.state().terminal()) {
      throw new JobStoppedException("canceled");
    }
    // another worker started a newer attempt (this one lost its partition): this run no longer owns the job
    if (job.attempt() > attempt || (job.attempt() == attempt && job.workerId() != null && !job.workerId().equals(workerId))) {
      throw new JobStoppedException("superseded by attempt " + job.attempt() + " on " + job.workerId(), true);
    }
  }

  @Override
  public boolean stopRequested() {
    try {
      checkStop();
      return false;
    } catch (JobStoppedException e) {
      return true;
    }
  }

  @Override
  public void sleep(Duration duration) {
    long deadline = System.nanoTime() + duration.toNanos();
    checkStop();
    while (System.nanoTime() < deadline) {
      long left = Math.max(0, deadline - System.nanoTime());
      try {
        Thread.sleep(Math.min(STOP_POLL_MILLIS, Duration.ofNanos(left).toMillis() + 1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new JobStoppedException("interrupted");
      }
      checkStop();
    }
  }
}
