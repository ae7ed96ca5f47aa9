package io.funit.gateway.retention;

import io.funit.common.config.Settings;
import io.funit.common.contract.JobType;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which finished jobs are forgotten, and when.
 *
 * @param retention FUNIT_JOB_RETENTION_SECONDS (default 7 days): how long after it finished a job stays known
 * @param types FUNIT_JOB_RETENTION_TYPES (default {@code translate,probe}): the job types it applies to. Trainings,
 *     evaluations and dataset jobs are kept by default: models, reports and datasets name them, they are few, and
 *     {@code continue} needs a training's job.
 */
public record JobRetentionSettings(Duration retention, Set<JobType> types) {
  private static final int WEEK_SECONDS = 7 * 24 * 3600;

  public JobRetentionSettings {
    types = Set.copyOf(types);
  }

  public static JobRetentionSettings from(Settings settings) {
    Set<JobType> types = Arrays.stream(settings.string("FUNIT_JOB_RETENTION_TYPES", "translate,probe").split(","))
        .map(String::trim).filter(name -> !name.isEmpty()).map(JobType::named).collect(Collectors.toSet());
    return new JobRetentionSettings(Duration.ofSeconds(settings.integer("FUNIT_JOB_RETENTION_SECONDS", WEEK_SECONDS,
        1, Integer.MAX_VALUE)), types);
  }

  /** How often the sweep looks: a tenth of the retention, between 1 s and a minute. */
  Duration sweepInterval() {
    return Duration.ofMillis(Math.max(1_000, Math.min(60_000, retention.toMillis() / 10)));
  }
}
