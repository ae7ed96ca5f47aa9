package io.funit.gateway.trainings;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.contract.JobError;
import io.funit.common.contract.JobEvent;
import io.funit.common.contract.JobState;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A training as the API shows it: state, queue position while queued, iteration and total, throughput, ETA and
 * the latest logged scalars, learning-rate scale (under a cooldown) and held-out validation while it runs, the model
 * once it has succeeded.
 */
public record TrainingView(String id, JobState status, Integer queuePosition, Instant createdAt, Instant updatedAt,
    int attempt, long iteration, Long iterations, Double secondsPerIteration, Double imagesPerSecond,
    Double etaSeconds, Double lrScale, Map<String, Double> losses, Map<String, Double> validation, String model,
    JsonNode request, JobError error, Links links) {

  /** Where to go next. */
  public record Links(String self, String job, String metrics, String samples, String cancel, String model) {}

  static TrainingView of(JobEvent job, Integer queuePosition) {
    String self = "/v1/trainings/" + job.jobId();
    Map<String, Double> figures = job.progress() == null || job.progress().metrics() == null ? Map.of()
        : job.progress().metrics();
    Map<String, Double> losses = new TreeMap<>();
    Map<String, Double> validation = new TreeMap<>();
    figures.forEach((k, v) -> {
      if (k.startsWith("loss_") || k.startsWith("accuracy_")) {
        losses.put(k, v);
      } else if (k.startsWith("held_out_")) {
        validation.put(k, v);
      }
    });
    String model = job.state() == JobState.SUCCEEDED && job.result() != null
        ? job.result().path("model").asText(null) : null;
    long iteration = job.result() != null && job.result().has("iterations") ? job.result().path("iterations").asLong()
        : job.progress() == null ? 0 : job.progress().done();
    Long total = job.progress() != null && job.progress().total() > 0 ? job.progress().total() : null;
    return new TrainingView(job.jobId(), job.state(), queuePosition, job.createdAt(), job.updatedAt(), job.attempt(),
        iteration, total, figures.get("seconds_per_iteration"), figures.get("images_per_second"),
        job.state().terminal() ? null : figures.get("eta_seconds"), figures.get("lr_scale"),
        losses.isEmpty() ? null : losses, validation.isEmpty() ? null : validation, model,
        job.request(), job.error(),
        new Links(self, "/v1/jobs/" + job.jobId(), self + "/metrics", self + "/samples",
            job.state().terminal() ? null : self + "/cancel", model == null ? null : "/v1/models/" + model));
  }
}
