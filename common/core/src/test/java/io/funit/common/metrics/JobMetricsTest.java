package io.funit.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.funit.common.training.TrainJob;
import io.funit.common.translate.TranslateJob;
import io.funit.common.worker.probe.ProbeJob;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void everySeriesOfTheWorkersTypesExistsFromTheStartAtZero() {
    new JobMetrics(registry, List.of(TrainJob.TYPE, ProbeJob.TYPE));
    assertThat(registry.get("funit.jobs.started").tag("type", "train").counter().count()).isZero();
    assertThat(registry.get("funit.jobs.finished").tag("type", "probe").tag("outcome", "handed_back").counter()
        .count()).isZero();
    assertThat(registry.get("funit.job.duration").tag("type", "train").tag("outcome", "retried").timer().count())
        .isZero();
    assertThat(registry.find("funit.jobs.started").tag("type", "translate").counter()).isNull();
  }

  @Test
  void runsAreCountedByTypeAndOutcomeWithTheirTimes() {
    JobMetrics metrics = new JobMetrics(registry, List.of(TranslateJob.TYPE));
    metrics.runStarted(TranslateJob.TYPE, Duration.ofMillis(40));
    metrics.runEnded(TranslateJob.TYPE, JobMetrics.Outcome.RETRIED, Duration.ofMillis(5));
    metrics.runStarted(TranslateJob.TYPE, null); // a crash's redelivery: no queue wait known
    metrics.runEnded(TranslateJob.TYPE, JobMetrics.Outcome.SUCCEEDED, Duration.ofMillis(30));

    assertThat(registry.get("funit.jobs.started").counter().count()).isEqualTo(2);
    assertThat(registry.get("funit.jobs.finished").tag("outcome", "retried").counter().count()).isEqualTo(1);
    assertThat(registry.get("funit.jobs.finished").tag("outcome", "succeeded").counter().count()).isEqualTo(1);
    assertThat(registry.get("funit.job.queue.wait").timer().count()).isEqualTo(1);
    assertThat(registry.get("funit.job.queue.wait").timer().totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
        .isEqualTo(40);
    assertThat(registry.get("funit.job.duration").tag("outcome", "succeeded").timer()
        .totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(30);
  }
}
