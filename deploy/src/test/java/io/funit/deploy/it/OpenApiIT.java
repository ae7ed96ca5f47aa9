package io.funit.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.funit.common.json.Json;
import io.funit.common.testing.Infra;
import io.funit.common.testing.InfraExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real answers of a real gateway (Kafka, S3, a probe worker) against {@code /openapi.json} as the gateway serves
 * it: each response's status must be documented for its operation, its content type listed, and its body valid
 * against the document's schema (JSON Schema 2020-12, the dialect of OpenAPI 3.1). Errors must be problem
 * documents with a type the document names.
 */
@ExtendWith(InfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiIT {
  private static final String PROBLEM_BASE = "https://funit.dev/problems/";
  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private final Map<String, JsonSchema> compiled = new HashMap<>();
  private TestStack stack;
  private JsonNode document;

  @BeforeAll
  void start(Infra infra) throws Exception {
    stack = new TestStack(infra, Map.of());
    stack.startGateway();
    stack.startWorker("openapi-worker");
    HttpResponse<String> served = send("GET", "/openapi.json", null, null, false);
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.headers().firstValue("Content-Type")).hasValue("application/json");
    document = Json.MAPPER.readTree(served.body());
    check("GET", "/openapi.json", served);
  }

  @AfterAll
  void stop() throws Exception {
    stack.close();
  }

  @Test
  void healthReadinessAndMetricsNeedNoKey() throws Exception {
    check("GET", "/healthz", send("GET", "/healthz", null, null, false));
    check("GET", "/readyz", send("GET", "/readyz", null, null, false));
    HttpResponse<String> metrics = send("GET", "/metrics", null, null, false);
    check("GET", "/metrics", metrics, 200);
    assertThat(metrics.body()).contains("# TYPE funit_jobs_submitted_total counter");
  }

  @Test
  void jobSubmitReadListCancelAndEventsMatchTheDocument() throws Exception {
    HttpResponse<String> submitted = send("POST", "/v1/jobs/probe", "application/json", "{\"steps\": 1}", true);
    check("POST", "/v1/jobs/{type}", submitted);
    assertThat(submitted.statusCode()).isEqualTo(202);
    String id = Json.MAPPER.readTree(submitted.body()).path("id").asText();
    assertThat(submitted.headers().firstValue("Location")).hasValue("/v1/jobs/" + id);

    check("GET", "/v1/jobs/{id}", send("GET", "/v1/jobs/" + id, null, null, true));
    stack.awaitState(id, "succeeded", Duration.ofSeconds(60));
    HttpResponse<String> done = send("GET", "/v1/jobs/" + id, null, null, true);
    check("GET", "/v1/jobs/{id}", done);
    assertThat(Json.MAPPER.readTree(done.body()).has("result")).isTrue();
    check("GET", "/v1/jobs", send("GET", "/v1/jobs?type=probe&limit=5", null, null, true));
    check("POST", "/v1/jobs/{id}/cancel", send("POST", "/v1/jobs/" + id + "/cancel", null, null, true), 409);

    // the event stream: each event's data is a job as GET /v1/jobs/{id} shows it
    HttpResponse<String> events = send("GET", "/v1/jobs/" + id + "/events", null, null, true);
    assertThat(events.statusCode()).isEqualTo(200);
    assertThat(events.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
    JsonNode media = response("GET", "/v1/jobs/{id}/events", 200).path("content").path("text/event-stream");
    List<String> data = events.body().lines().filter(l -> l.startsWith("data: ")).toList();
    assertThat(data).isNotEmpty();
    for (String line : data) {
      assertValid(media.path("x-data-schema").path("$ref").asText(), Json.MAPPER.readTree(line.substring(6)),
          "an event of GET /v1/jobs/{id}/events");
    }
  }

  @Test
  void errorsAreDocumentedProblems() throws Exception {
    check("POST", "/v1/jobs/{type}", send("POST", "/v1/jobs/probe", "application/json", "{not json", true), 400);
    check("POST", "/v1/jobs/{type}", send("POST", "/v1/jobs/probe", "application/json", "{\"steps\": 0.5e9}", true),
        422);
    check("POST", "/v1/jobs/{type}", send("POST", "/v1/jobs/paint", "application/json", "{}", true), 400);
    check("GET", "/v1/jobs", send("GET", "/v1/jobs", null, null, false), 401);
    check("GET", "/v1/jobs", send("GET", "/v1/jobs?limit=0", null, null, true), 400);
    check("GET", "/v1/jobs/{id}", send("GET", "/v1/jobs/no-such-job", null, null, true), 404);
    check("GET", "/v1/models/{id}", send("GET", "/v1/models/no-such-model", null, null, true), 404);
    check("GET", "/v1/datasets/{id}", send("GET", "/v1/datasets/no-such-dataset", null, null, true), 404);
    check("POST", "/v1/translations", send("POST", "/v1/translations", "application/json",
        "{\"content_keys\": []}", true), 400);
    check("POST", "/v1/evaluations", send("POST", "/v1/evaluations", "application/json",
        "{\"model\": \"no-such-model\", \"dataset\": \"no-such-dataset\"}", true), 400);
    check("POST", "/v1/styles", send("POST", "/v1/styles", "application/json", "{\"class_keys\": []}", true), 400);
    check("POST", "/v1/datasets", send("POST", "/v1/datasets", "application/json",
        "{\"kind\": \"fonts\", \"preset\": \"no-such-preset\"}", true), 400);
    check("POST", "/v1/trainings", send("POST", "/v1/trainings", "application/json",
        "{\"dataset\": \"no-such-dataset\", \"preset\": \"font-32\"}", true), 400);

    // the router's own errors: no route, a method the path does not allow
    assertProblem(send("GET", "/v1/no-such-route", null, null, true), 404);
    assertProblem(send("DELETE", "/v1/jobs/some-job", null, null, true), 405);
  }

  @Test
  void listingsMatchTheDocument() throws Exception {
    check("GET", "/v1/datasets", send("GET", "/v1/datasets?limit=10", null, null, true), 200);
    check("GET", "/v1/models", send("GET", "/v1/models", null, null, true), 200);
    check("GET", "/v1/trainings", send("GET", "/v1/trainings", null, null, true), 200);
    check("GET", "/v1/translations", send("GET", "/v1/translations", null, null, true), 200);
    check("GET", "/v1/evaluations", send("GET", "/v1/evaluations", null, null, true), 200);
  }

  @Test
  void validationIsNotVacuous() throws Exception {
    // a job without id, of an unknown state: the schemas reached through the document's $refs must refuse it
    JsonNode wrong = Json.MAPPER.readTree("{\"state\": \"paused\", \"attempt\": \"one\"}");
    assertThat(schema(pointer("GET", "/v1/jobs/{id}", 200, "application/json")).validate(wrong)).hasSizeGreaterThan(2);
    assertThat(schema("#/components/schemas/Problem").validate(Json.MAPPER.readTree("{\"status\": 200}")))
        .isNotEmpty();
  }

  /** Checks a response against the operation, and that its status is the expected one. */
  private void check(String method, String template, HttpResponse<String> response, int expected) throws Exception {
    assertThat(response.statusCode()).as(method + " " + template + ": " + response.body()).isEqualTo(expected);
    check(method, template, response);
  }

  /** The status is documented for the operation, the content type listed, the body valid against its schema. */
  private void check(String method, String template, HttpResponse<String> response) throws Exception {
    String where = method + " " + template + " → " + response.statusCode();
    JsonNode documented = response(method, template, response.statusCode());
    assertThat(documented.isMissingNode()).as(where + " is not documented").isFalse();
    String type = response.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
    JsonNode media = documented.path("content").path(type);
    assertThat(media.isMissingNode()).as(where + ": content type " + type + " is not documented").isFalse();
    if (type.endsWith("json")) {
      assertValid(pointer(method, template, response.statusCode(), type), Json.MAPPER.readTree(response.body()), where);
    }
    if (response.statusCode() >= 400) {
      assertProblem(response, response.statusCode());
    }
  }

  /** A problem document whose type is one of the document's stable problem types. */
  private void assertProblem(HttpResponse<String> response, int status) throws Exception {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = Json.MAPPER.readTree(response.body());
    assertValid("#/components/schemas/Problem", problem, "a " + status + " problem");
    String type = problem.path("type").asText();
    assertThat(type).startsWith(PROBLEM_BASE);
    String names = document.at("/components/schemas/Problem/properties/type/description").asText();
    assertThat(names).as("the documented problem types").contains("`" + type.substring(PROBLEM_BASE.length()) + "`");
    assertThat(problem.path("status").asInt()).isEqualTo(status);
  }

  /** The documented response for a status, its {@code $ref} followed; {@code default} when the status is absent. */
  private JsonNode response(String method, String template, int status) {
    JsonNode responses = document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT))
        .path("responses");
    JsonNode response = responses.has(String.valueOf(status)) ? responses.get(String.valueOf(status))
        : status >= 400 ? responses.path("default") : responses.path(String.valueOf(status));
    return response.has("$ref") ? document.at(response.get("$ref").asText().substring(1)) : response;
  }

  /** The JSON pointer (as a fragment) of the schema of one response's media type. */
  private String pointer(String method, String template, int status, String mediaType) {
    JsonNode responses = document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT))
        .path("responses");
    String key = responses.has(String.valueOf(status)) ? String.valueOf(status) : "default";
    JsonNode response = responses.get(key);
    String base = response.has("$ref") ? response.get("$ref").asText()
        : "#/paths/" + escape(template) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/" + key;
    return base + "/content/" + escape(mediaType) + "/schema";
  }

  private static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }

  /**
   * Validates against the schema at {@code ref} inside the document: the document itself is the root, so the
   * schema's {@code $ref}s to {@code #/components/schemas/...} resolve as in any OpenAPI tool.
   */
  private void assertValid(String ref, JsonNode body, String where) {
    Set<ValidationMessage> errors = schema(ref).validate(body);
    assertThat(errors).as(where + " against " + ref + ": " + body).isEmpty();
  }

  private JsonSchema schema(String ref) {
    return compiled.computeIfAbsent(ref, r -> {
      ObjectNode root = document.deepCopy();
      root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
      root.put("$ref", r);
      return schemas.getSchema(root);
    });
  }

  private HttpResponse<String> send(String method, String path, String contentType, String body, boolean withKey)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.startedGatewayPort()
        + path)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (withKey) {
      request.header("Authorization", "Bearer " + TestStack.API_KEY);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
