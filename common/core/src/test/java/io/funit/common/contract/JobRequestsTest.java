package io.funit.common.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.eval.EvalRequest;
import io.funit.common.json.Json;
import io.funit.common.translate.TranslateRequest;
import io.funit.common.worker.probe.ProbeJob;
import io.funit.common.worker.probe.ProbeRequest;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobRequestsTest {
  private static JsonNode json(String text) throws Exception {
    return Json.MAPPER.readTree(text);
  }

  @Test
  void probeRequestGetsDefaultsAndIgnoresUnknownFields() throws Exception {
    ProbeRequest request = JobRequests.parse(ProbeRequest.class, json("{\"step_millis\": 5, \"from_the_future\": 1}"));
    assertThat(request.steps()).isEqualTo(3);
    assertThat(request.stepMillis()).isEqualTo(5);
    assertThat(request.message()).isEmpty();
  }

  @Test
  void outOfRangeValueNamesItsField() {
    assertThatThrownBy(() -> JobRequests.parse(ProbeRequest.class, json("{\"fail_attempts\": 99}")))
        .isInstanceOf(InvalidRequestException.class)
        .satisfies(e -> assertThat(((InvalidRequestException) e).field()).isEqualTo("fail_attempts"));
  }

  @Test
  void wrongJsonTypeNamesItsField() {
    assertThatThrownBy(() -> JobRequests.parse(ProbeRequest.class, json("{\"steps\": \"many\"}")))
        .isInstanceOf(InvalidRequestException.class)
        .satisfies(e -> assertThat(((InvalidRequestException) e).field()).isEqualTo("steps"));
  }

  @Test
  void translateRequestNeedsClassImagesOrAStyleButNotBoth() throws Exception {
    assertThatThrownBy(() -> JobRequests.parse(TranslateRequest.class, json("{\"content_keys\": [\"inputs/j/a.png\"]}")))
        .satisfies(e -> assertThat(((InvalidRequestException) e).field()).isEqualTo("class_keys"));
    assertThatThrownBy(() -> JobRequests.parse(TranslateRequest.class, json(
        "{\"content_keys\": [\"inputs/j/a.png\"], \"class_keys\": [\"inputs/j/b.png\"], \"style_id\": \"s\"}")))
        .satisfies(e -> assertThat(((InvalidRequestException) e).field()).isEqualTo("class_keys"));
    TranslateRequest ok = JobRequests.parse(TranslateRequest.class,
        json("{\"content_keys\": [\"inputs/j/a.png\"], \"class_keys\": [\"outputs/j/b.png\", \"styles/s/c.png\"]}"));
    assertThat(ok.outputFormat()).isEqualTo("png");
  }

  @Test
  void translateRequestOnlyNamesImagesTheServiceStored() {
    for (String key : new String[] {"a", "models/m/generator.safetensors", "inputs/../models/x", "inputs/j/../x.png",
        "/inputs/j/a.png", "datasets/d/manifest.json"}) {
      assertThatThrownBy(() -> JobRequests.parse(TranslateRequest.class, json(
          "{\"content_keys\": [\"" + key + "\"], \"style_id\": \"s\"}")))
          .as(key).satisfies(e -> assertThat(((InvalidRequestException) e).field()).isEqualTo("content_keys[0]"));
    }
  }

  @Test
  void evalRequestChecksEachShotCount() {
    assertThatThrownBy(() -> JobRequests.parse(EvalRequest.class,
        json("{\"model\": \"m\", \"dataset\": \"d\", \"k\": [1, 500]}")))
        .satisfies(e -> assertThat(((InvalidRequestException) e).field()).isEqualTo("k[1]"));
  }

  @Test
  void nonObjectRequestIsRefused() {
    assertThatThrownBy(() -> io.funit.common.jobs.JobDescriptors.parse(ProbeJob.TYPE, json("[1,2]")))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("JSON object");
  }

  @Test
  void unknownJobTypeListsTheKnownOnes() {
    assertThatThrownBy(() -> io.funit.common.jobs.JobDescriptors.byWireName("paint")).hasMessageContaining("probe");
  }

  @Test
  void envelopeOfANewerSchemaIsRefused() throws Exception {
    assertThatThrownBy(() -> new JobEnvelope(3, "j", ProbeJob.TYPE, Instant.now(), json("{}")))
        .hasMessageContaining("schema version");
  }

  @Test
  void attachmentsTravelAsBase64InARecordOfVersion2AndOnlyThen() throws Exception {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};
    JobEnvelope attached = JobEnvelope.of("job-2", ProbeJob.TYPE, Instant.parse("2026-01-02T03:04:05Z"), json("{}"),
        null, null, Map.of("inputs/job-2/content-0.png", png));
    String wire = Json.write(attached);
    assertThat(wire).contains("\"schema_version\":2", "\"inputs/job-2/content-0.png\":\"iVBORwABAg==\"");
    JobEnvelope back = Json.MAPPER.readValue(wire, JobEnvelope.class);
    assertThat(back.attachments().get("inputs/job-2/content-0.png")).isEqualTo(png);
    JobEvent queued = JobEvent.queued(back);
    assertThat(Json.write(queued)).doesNotContain("iVBORw"); // events never carry them

    JobEnvelope plain = JobEnvelope.of("job-3", ProbeJob.TYPE, Instant.now(), json("{}"), null, null, Map.of());
    assertThat(plain.schemaVersion()).isEqualTo(1);
    assertThat(Json.MAPPER.readValue(Json.write(plain), JobEnvelope.class).attachments()).isEmpty();
  }

  @Test
  void jobEventRoundTripsThroughJson() throws Exception {
    JobEnvelope envelope = new JobEnvelope(1, "job-1", ProbeJob.TYPE, Instant.parse("2026-01-02T03:04:05.123456Z"),
        json("{\"steps\": 2}"));
    JobEvent started = JobEvent.queued(envelope).next(JobEventType.STARTED, JobState.RUNNING, "w1").withAttempt(1)
        .withProgress(new Progress(1, 2, "half"));
    JobEvent back = Json.MAPPER.readValue(Json.write(started), JobEvent.class);
    assertThat(back).isEqualTo(started);
    assertThat(Json.write(started)).contains("\"state\":\"running\"", "\"job_id\":\"job-1\"");
  }
}
