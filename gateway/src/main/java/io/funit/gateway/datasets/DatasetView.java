package io.funit.gateway.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.contract.JobError;
import io.funit.common.contract.JobEvent;
import io.funit.common.contract.JobState;
import io.funit.common.contract.Progress;
import java.time.Instant;
import java.util.Map;

/**
 * A dataset as the API shows it: the state of the job building it and, once built, its counts and links.
 * {@code classes}, {@code images} and the links are absent until the build has succeeded.
 */
public record DatasetView(String id, JobState status, String name, String kind, Instant createdAt,
    Instant updatedAt, Progress progress, Classes classes, Long images, Integer imageSize, Integer contents,
    Integer skipped, Map<String, Integer> skippedByReason, JsonNode request, JobError error, Links links) {

  /** Class counts per split. */
  public record Classes(int train, int test, int total) {}

  /** Where to go next. */
  public record Links(String self, String job, String contactSheet, String report, String importReport) {}

  static DatasetView of(JobEvent job) {
    String self = "/v1/datasets/" + job.jobId();
    JsonNode result = job.result();
    boolean built = job.state() == JobState.SUCCEEDED && result != null;
    String name = built ? result.path("name").asText(null) : job.request() == null ? null
        : job.request().path("name").asText(null);
    String kind = built ? result.path("kind").asText(null) : job.request() == null ? null
        : job.request().path("kind").asText(null);
    boolean rejectedImport = job.state() == JobState.FAILED && job.error() != null
        && job.error().message() != null && job.error().message().contains("file-by-file report");
    return new DatasetView(job.jobId(), job.state(), name, kind, job.createdAt(), job.updatedAt(), job.progress(),
        built ? new Classes(result.path("train_classes").asInt(), result.path("test_classes").asInt(),
            result.path("train_classes").asInt() + result.path("test_classes").asInt()) : null,
        built ? result.path("images").asLong() : null,
        built ? result.path("image_size").asInt() : null,
        built ? result.path("contents").asInt() : null,
        built ? result.path("skipped").asInt() : null,
        built ? skippedByReason(result.path("skipped_by_reason")) : null,
        job.request(), job.error(),
        new Links(self, "/v1/jobs/" + job.jobId(), built ? self + "/contact-sheet.png" : null,
            built ? self + "/report" : null, rejectedImport ? self + "/import-report" : null));
  }

  private static Map<String, Integer> skippedByReason(JsonNode node) {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    node.fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asInt()));
    return counts;
  }
}
