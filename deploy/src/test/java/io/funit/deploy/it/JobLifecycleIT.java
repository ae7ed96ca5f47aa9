package io.funit.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.contract.JobEvent;
import io.funit.common.contract.JobEventType;
import io.funit.common.json.Json;
import io.funit.common.storage.Sha256;
import io.funit.common.testing.Infra;
import io.funit.common.testing.InfraExtension;
import io.funit.common.testing.TopicReader;
import io.funit.common.worker.probe.ProbeJob;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** A job's way through the real gateway, Kafka, a real worker and S3. */
@ExtendWith(InfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobLifecycleIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private TestStack stack;

  @BeforeAll
  void start(Infra infra) throws Exception {
    // every type is enabled by default: leave eval out to check that a disabled type gets a 501
    stack = new TestStack(infra, Map.of("FUNIT_WORKER_MAX_ATTEMPTS", "2",
        "FUNIT_JOB_TYPES", "probe,dataset,train,translate"));
    stack.startGateway();
    stack.startWorker("worker-a");
  }

  @AfterAll
  void stop() throws Exception {
    stack.close();
  }

  @Test
  void submittedJobRunsToSuccessWithEventsAndAStoredResult() throws Exception {
    String id = stack.submitProbe("{\"steps\": 3, \"step_millis\": 50, \"message\": \"hello\"}");
    JsonNode job = stack.awaitState(id, "succeeded", TIMEOUT);

    assertThat(job.path("attempt").asInt()).isEqualTo(1);
    assertThat(job.path("worker_id").asText()).isEqualTo("worker-a");
    assertThat(job.path("progress").path("done").asInt()).isEqualTo(3);
    String key = job.path("result").path("output_key").asText();
    assertThat(key).isEqualTo("outputs/" + id + "/probe.json");
    byte[] output = stack.store.readBytes(key, 10_000);
    assertThat(Sha256.of(output)).isEqualTo(job.path("result").path("output_sha256").asText());
    assertThat(new String(output, StandardCharsets.UTF_8)).contains("\"message\":\"hello\"", id);

    List<JobEventType> events = stack.events(id).stream().map(JobEvent::event).toList();
    assertThat(events.get(0)).isEqualTo(JobEventType.QUEUED);
    assertThat(events.get(1)).isEqualTo(JobEventType.STARTED);
    assertThat(events).contains(JobEventType.PROGRESS).endsWith(JobEventType.SUCCEEDED);
  }

  @Test
  void failedAttemptIsRetriedAndThenSucceeds() throws Exception {
    String id = stack.submitProbe("{\"steps\": 1, \"fail_attempts\": 1}");
    JsonNode job = stack.awaitState(id, "succeeded", TIMEOUT);
    assertThat(job.path("attempt").asInt()).isEqualTo(2);
    assertThat(stack.events(id)).extracting(JobEvent::event).contains(JobEventType.RETRYING);
  }

  @Test
  void jobFailingEveryAttemptEndsFailedAndDeadLettered() throws Exception {
    String id = stack.submitProbe("{\"steps\": 1, \"fail_attempts\": 5}");
    JsonNode job = stack.awaitState(id, "failed", TIMEOUT);
    assertThat(job.path("attempt").asInt()).isEqualTo(2);
    assertThat(job.path("error").path("code").asText()).isEqualTo("attempts_exhausted");
    assertThat(job.path("error").path("dead_lettered").asBoolean()).isTrue();

    List<ConsumerRecord<String, String>> dead = TopicReader.readAll(stack.kafka,
        stack.kafka.topics().deadLetter(ProbeJob.TYPE)).stream().filter(r -> id.equals(r.key())).toList();
    assertThat(dead).hasSize(1);
    assertThat(new String(dead.get(0).headers().lastHeader("funit.dlq.reason").value(), StandardCharsets.UTF_8))
        .isEqualTo("attempts_exhausted");
    assertThat(new String(dead.get(0).headers().lastHeader("funit.dlq.message").value(), StandardCharsets.UTF_8))
        .contains("simulated failure on attempt 2");
  }

  @Test
  void runningJobIsCanceledCooperatively() throws Exception {
    String id = stack.submitProbe("{\"steps\": 600, \"step_millis\": 100}");
    stack.awaitState(id, "running", TIMEOUT);
    TestStack.Response cancel = stack.post("/v1/jobs/" + id + "/cancel", "");
    assertThat(cancel.status()).isEqualTo(202);
    JsonNode job = stack.awaitState(id, "canceled", TIMEOUT);
    assertThat(job.path("progress").path("done").asInt()).isLessThan(600);
    assertThat(job.has("result")).isFalse();
    assertThat(stack.store.stat("outputs/" + id + "/probe.json")).isEmpty();
    assertThat(stack.post("/v1/jobs/" + id + "/cancel", "").status()).isEqualTo(409);
  }

  @Test
  void invalidRequestIsRefusedWithAProblemNamingTheFieldAndNothingIsEnqueued() throws Exception {
    int before = TopicReader.readAll(stack.kafka, stack.kafka.topics().work(ProbeJob.TYPE)).size();
    TestStack.Response response = stack.post("/v1/jobs/probe", "{\"steps\": 0.5e9}");
    assertThat(response.status()).isEqualTo(422);
    assertThat(response.contentType()).isEqualTo("application/problem+json");
    assertThat(response.json().path("field").asText()).isEqualTo("steps");

    assertThat(stack.post("/v1/jobs/probe", "{not json").status()).isEqualTo(400);
    assertThat(stack.post("/v1/jobs/paint", "{}").json().path("field").asText()).isEqualTo("type");
    assertThat(stack.post("/v1/jobs/eval", "{}").status()).isEqualTo(501);
    assertThat(TopicReader.readAll(stack.kafka, stack.kafka.topics().work(ProbeJob.TYPE))).hasSize(before);
  }

  @Test
  void unknownJobAndMissingKeyGetProblems() throws Exception {
    TestStack.Response missing = stack.get("/v1/jobs/no-such-job");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().path("type").asText()).endsWith("/not-found");

    var unauthenticated = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + stack.startedGatewayPort() + "/v1/jobs")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(unauthenticated.statusCode()).isEqualTo(401);
    assertThat(Json.MAPPER.readTree(unauthenticated.body()).path("status").asInt()).isEqualTo(401);
  }

  @Test
  void listingPagesNewestFirstWithFilters() throws Exception {
    String first = stack.submitProbe("{\"steps\": 1}");
    String second = stack.submitProbe("{\"steps\": 1}");
    String third = stack.submitProbe("{\"steps\": 1}");
    stack.awaitState(third, "succeeded", TIMEOUT);
    stack.awaitState(first, "succeeded", TIMEOUT);

    JsonNode page1 = stack.get("/v1/jobs?type=probe&limit=2").json();
    assertThat(page1.path("items")).hasSize(2);
    assertThat(page1.path("items").get(0).path("id").asText()).isEqualTo(third);
    assertThat(page1.path("items").get(1).path("id").asText()).isEqualTo(second);
    String cursor = page1.path("next_cursor").asText();
    JsonNode page2 = stack.get("/v1/jobs?type=probe&limit=2&cursor=" + cursor).json();
    assertThat(page2.path("items").get(0).path("id").asText()).isEqualTo(first);

    JsonNode succeeded = stack.get("/v1/jobs?status=succeeded&limit=500").json();
    succeeded.path("items").forEach(j -> assertThat(j.path("state").asText()).isEqualTo("succeeded"));
    assertThat(stack.get("/v1/jobs?status=bogus").status()).isEqualTo(400);
    assertThat(stack.get("/v1/jobs?cursor=bm90LWEtY3Vyc29y").status()).isEqualTo(400);
  }
}
