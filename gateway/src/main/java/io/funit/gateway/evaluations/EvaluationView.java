package io.funit.gateway.evaluations;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.contract.JobError;
import io.funit.common.contract.JobEvent;
import io.funit.common.contract.JobState;
import io.funit.common.contract.Progress;
import io.funit.common.eval.EvaluationResult;
import io.funit.common.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An evaluation as the API shows it: the state and progress of its job, what it evaluates, and once it has
 * succeeded FUNIT's scores per K and links to the report (page, JSON, sample grids).
 *
 * @param funit FUNIT's scores per K; absent until the evaluation has succeeded (the baselines are in the report)
 */
public record EvaluationView(String id, JobState status, String model, String dataset, Instant createdAt,
    Instant updatedAt, int attempt, Progress progress, JsonNode request, List<EvaluationResult.KScores> funit,
    JobError error, Links links) {

  /** Where to go next; the report links appear once the report is complete. */
  public record Links(String self, String job, String events, String cancel, String report, String reportJson,
      List<FileLink> files) {}

  /** One file of the report (a sample grid). */
  public record FileLink(String name, String url) {}

  static EvaluationView of(JobEvent job) {
    String self = EvaluationRoutes.PATH + "/" + job.jobId();
    JsonNode request = job.request() == null ? Json.MAPPER.createObjectNode() : job.request();
    Optional<EvaluationResult> result = result(job);
    Links links = new Links(self, "/v1/jobs/" + job.jobId(), "/v1/jobs/" + job.jobId() + "/events",
        job.state().terminal() ? null : self + "/cancel",
        result.map(r -> self + "/report").orElse(null), result.map(r -> self + "/report.json").orElse(null),
        result.map(r -> r.files().stream().map(name -> new FileLink(name, self + "/files/" + name)).toList())
            .orElse(null));
    return new EvaluationView(job.jobId(), job.state(), request.path("model").asText(null),
        request.path("dataset").asText(null), job.createdAt(), job.updatedAt(), job.attempt(), job.progress(),
        request, result.map(EvaluationResult::funit).orElse(null), job.error(), links);
  }

  /** The result of a succeeded evaluation; empty before, and for a result this gateway cannot read. */
  static Optional<EvaluationResult> result(JobEvent job) {
    if (job.state() != JobState.SUCCEEDED || job.result() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.MAPPER.treeToValue(job.result(), EvaluationResult.class));
    } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
