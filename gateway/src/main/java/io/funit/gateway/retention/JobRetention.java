package io.funit.gateway.retention;

import io.funit.common.contract.JobEvent;
import io.funit.common.kafka.JobStateProjection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets finished jobs past their retention by writing a tombstone (a null value under the job's key) to the
 * compacted job-event topic: every projection that reads it drops the job, and compaction deletes the job's events.
 * Every gateway sweeps; two tombstones for one job are harmless. A job forgotten this way answers 404, its stored
 * outputs are left to the object store's own lifecycle rules.
 */
public final class JobRetention implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobRetention.class);
  private final JobRetentionSettings settings;
  private final JobStateProjection projection;
  private final Producer<String, String> producer;
  private final String topic;
  private final Clock clock;
  private final Counter forgotten;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "job-retention");
    t.setDaemon(true);
    return t;
  });

  public JobRetention(JobRetentionSettings settings, JobStateProjection projection, Producer<String, String> producer,
      String topic, Clock clock, MeterRegistry registry) {
    this.settings = settings;
    this.projection = projection;
    this.producer = producer;
    this.topic = topic;
    this.clock = clock;
    this.forgotten = Counter.builder("funit.jobs.forgotten")
        .description("finished jobs forgotten after their retention (FUNIT_JOB_RETENTION_SECONDS)").register(registry);
    Gauge.builder("funit.job.state.jobs", projection, JobStateProjection::size)
        .description("jobs the job-state projection holds").register(registry);
  }

  public JobRetention start() {
    long every = settings.sweepInterval().toMillis();
    timer.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
    return this;
  }

  /** Writes a tombstone for each finished job of the retained types that ended before the retention. */
  int sweep() {
    Instant before = clock.instant().minus(settings.retention());
    List<JobEvent> expired = projection.matching(job -> job.state().terminal() && settings.types().contains(job.type())
        && job.updatedAt() != null && job.updatedAt().isBefore(before));
    for (JobEvent job : expired) {
      producer.send(new ProducerRecord<>(topic, job.jobId(), null));
    }
    producer.flush();
    forgotten.increment(expired.size());
    return expired.size();
  }

  private void sweepQuietly() {
    try {
      int n = sweep();
      if (n > 0) {
        LOG.debug("forgot {} finished jobs past their retention", n);
      }
    } catch (RuntimeException e) {
      // Kafka unreachable: the next sweep takes them
      LOG.warn("job retention sweep: {}", e.toString());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      // a sweep in progress ends before the producer it sends with is closed
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
