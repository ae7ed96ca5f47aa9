package io.funit.gateway.translations;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.contract.JobError;
import io.funit.common.contract.JobEvent;
import io.funit.common.contract.JobState;
import io.funit.common.contract.Progress;
import io.funit.common.json.Json;
import io.funit.common.translate.TranslationResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * A translation as the API shows it: the state of its job, what it translates with, and once it has succeeded one
 * output per content image (in request order) with a URL to fetch it.
 *
 * @param k the number of class images; for a stored style, known once the translation has run
 * @param text the text drawn, for a text translation
 * @param charset {@code alphabet}, for an alphabet translation
 * @param outputs empty until the job has succeeded
 * @param sheetUrl for a succeeded text or alphabet translation: every glyph composed into one PNG
 * @param zipUrl for a succeeded text or alphabet translation: a zip of the glyphs
 */
public record TranslationView(String id, JobState status, String model, Integer k, String styleId,
    String outputFormat, String text, String charset, Instant createdAt, Instant updatedAt, Progress progress,
    JobError error, String statusUrl, String eventsUrl, String cancelUrl, List<Output> outputs, String sheetUrl,
    String zipUrl) {

  /** One translated image and the content image (or the character) it came from. */
  public record Output(int index, String url, String contentKey, String contentType, String character) {}

  /** @param urls the URL of a stored output under its API name (its index, {@code sheet} or {@code zip}) */
  static TranslationView of(JobEvent job, BiFunction<String, TranslationResult.StoredFile, String> urls) {
    String self = TranslationRoutes.PATH + "/" + job.jobId();
    JsonNode request = job.request() == null ? Json.MAPPER.createObjectNode() : job.request();
    Optional<TranslationResult> result = result(job);
    int requestK = request.path("class_keys").size();
    Integer k = result.map(TranslationResult::k).orElse(requestK > 0 ? requestK : null);
    List<Output> outputs = result.filter(r -> r.outputs() != null).map(r -> r.outputs().stream()
        .map(o -> new Output(o.index(), urls.apply(String.valueOf(o.index()), new TranslationResult.StoredFile(
            o.key(), o.contentType())), o.contentKey(), o.contentType(), o.character())).toList()).orElse(List.of());
    return new TranslationView(job.jobId(), job.state(),
        result.map(TranslationResult::model).orElse(request.path("model").asText(null)), k,
        request.path("style_id").asText(null),
        result.map(TranslationResult::outputFormat).orElse(request.path("output_format").asText(null)),
        request.path("text").asText(null), request.path("charset").asText(null),
        job.createdAt(), job.updatedAt(), job.progress(), job.error(), self, "/v1/jobs/" + job.jobId() + "/events",
        job.state().terminal() ? null : self + "/cancel", outputs,
        result.map(TranslationResult::sheet).map(f -> urls.apply(TranslationResult.SHEET, f)).orElse(null),
        result.map(TranslationResult::archive).map(f -> urls.apply(TranslationResult.ARCHIVE, f)).orElse(null));
  }

  /** A stored output of a result by its API name: an output's index, {@code sheet} or {@code zip}. */
  static Optional<TranslationResult.StoredFile> file(TranslationResult result, String name) {
    if (name.equals(TranslationResult.SHEET) || name.equals(TranslationResult.ARCHIVE)) {
      return Optional.ofNullable(name.equals(TranslationResult.SHEET) ? result.sheet() : result.archive());
    }
    return result.outputs() == null ? Optional.empty() : result.outputs().stream()
        .filter(o -> String.valueOf(o.index()).equals(name)).findFirst()
        .map(o -> new TranslationResult.StoredFile(o.key(), o.contentType()));
  }

  /** The result of a succeeded translation; empty before, and for a result this gateway cannot read. */
  static Optional<TranslationResult> result(JobEvent job) {
    if (job.state() != JobState.SUCCEEDED || job.result() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.MAPPER.treeToValue(job.result(), TranslationResult.class));
    } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
