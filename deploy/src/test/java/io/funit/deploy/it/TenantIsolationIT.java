package io.funit.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.auth.ApiKeysFile;
import io.funit.common.dataset.imports.TestArchives;
import io.funit.common.json.Json;
import io.funit.common.testing.Infra;
import io.funit.common.testing.InfraExtension;
import io.funit.common.training.TestBundles;
import io.funit.deploy.it.tenants.TenantCase;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tenants A and B and an admin, with keys from a keys file, on a real gateway (Kafka, S3; no workers, so every job
 * stays queued and nothing needs a model). A's resources are made as cheaply as the API allows: jobs through the
 * generic route, a style from an upload, a model card written to the store. Then every {@code /v1} operation the
 * served {@code /openapi.json} documents is called with B's key on A's resources: reads, cancels and downloads
 * answer 404 exactly as for an id that does not exist, listings leave A's things out, and references to A's things
 * in a request are refused as unknown (400 naming the field). The admin sees both tenants. The operations walked
 * are checked against the document, so a new route cannot be left out.
 */
@ExtendWith(InfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationIT {
  private static final int MAX_ACTIVE = 12;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Set<String> walked = new TreeSet<>();
  /** The job types whose {@code POST /v1/jobs/{type}} was refused a reference of another tenant. */
  private final Set<String> refusedTypes = new TreeSet<>();
  private TestStack stack;
  private String keyA;
  private String keyB;
  private String keyAdmin;
  private String keyC;
  // A's resources
  private String probe;
  private String dataset;
  private String training;
  private String translation;
  private String evaluation;
  private String style;
  private String inputKey;

  @BeforeAll
  void start(Infra infra) throws Exception {
    Path dir = Files.createTempDirectory("funit-tenants");
    ApiKeysFile keys = new ApiKeysFile(dir.resolve("api-keys.json"));
    keyA = keys.create("tenant-a", false).key();
    keyB = keys.create("tenant-b", false).key();
    keyC = keys.create("tenant-c", false).key();
    keyAdmin = keys.create("ops", true).key();
    stack = new TestStack(infra, Map.of("FUNIT_API_KEYS_FILE", keys.path().toString(),
        "FUNIT_MAX_ACTIVE_JOBS", Integer.toString(MAX_ACTIVE)));
    stack.startGateway();

    probe = created(call(keyA, "POST", "/v1/jobs/probe", "{\"steps\": 1}"));
    dataset = created(call(keyA, "POST", "/v1/datasets", "{\"kind\": \"fonts\", \"preset\": \"ci\"}"));
    // built as if its job had run: a training or an evaluation is admitted on a built dataset only
    TrainingDatasets.publish(stack.store, dir.resolve("dataset"), 2, dataset);
    training = created(call(keyA, "POST", "/v1/jobs/train", "{\"dataset\": \"" + dataset
        + "\", \"preset\": \"font-32\"}"));
    inputKey = "inputs/" + probe + "/content.png";
    stack.store.putBytes(inputKey, TestArchives.image("png", 32, 32, 1), "image/png");
    stack.store.putBytes("models/public-model/card.json", card("public-model", null), "application/json");
    stack.store.putBytes("models/" + training + "/card.json", card(training, training), "application/json");
    translation = created(call(keyA, "POST", "/v1/jobs/translate", "{\"model\": \"" + training
        + "\", \"content_keys\": [\"" + inputKey + "\"], \"class_keys\": [\"" + inputKey + "\"]}"));
    evaluation = created(call(keyA, "POST", "/v1/jobs/eval", "{\"model\": \"" + training + "\", \"dataset\": \""
        + dataset + "\", \"k\": [1, 5]}"));
    HttpResponse<String> styled = multipart(keyA, "/v1/styles", "class", TestArchives.image("png", 32, 32, 2));
    assertThat(styled.statusCode()).as(styled.body()).isEqualTo(201);
    style = Json.MAPPER.readTree(styled.body()).path("id").asText();
  }

  @AfterAll
  void stop() throws Exception {
    stack.close();
  }

  @Test
  void tenantBCanReadListCancelOrDownloadNothingOfTenantA() throws Exception {
    // one-resource reads and actions: 404 for B, as for an id that does not exist; A still gets past the lookup
    hidden("GET", "/v1/jobs/{id}", "/v1/jobs/" + probe);
    hidden("POST", "/v1/jobs/{id}/cancel", "/v1/jobs/" + probe + "/cancel");
    hidden("GET", "/v1/jobs/{id}/deliveries", "/v1/jobs/" + probe + "/deliveries");
    hidden("POST", "/v1/jobs/{id}/deliveries/{webhookId}/redeliver", "/v1/jobs/" + probe
        + "/deliveries/msg_none/redeliver");
    hiddenStream("/v1/jobs/{id}/events", "/v1/jobs/" + probe + "/events");
    hidden("GET", "/v1/datasets/{id}", "/v1/datasets/" + dataset);
    hidden("GET", "/v1/datasets/{id}/contact-sheet.png", "/v1/datasets/" + dataset + "/contact-sheet.png");
    hidden("GET", "/v1/datasets/{id}/report", "/v1/datasets/" + dataset + "/report");
    hidden("GET", "/v1/datasets/{id}/import-report", "/v1/datasets/" + dataset + "/import-report");
    hidden("GET", "/v1/datasets/{id}/classes", "/v1/datasets/" + dataset + "/classes");
    hidden("GET", "/v1/trainings/{id}", "/v1/trainings/" + training);
    hidden("GET", "/v1/trainings/{id}/metrics", "/v1/trainings/" + training + "/metrics");
    hidden("GET", "/v1/trainings/{id}/samples", "/v1/trainings/" + training + "/samples");
    hidden("GET", "/v1/trainings/{id}/samples/{name}", "/v1/trainings/" + training + "/samples/latest.png");
    hidden("POST", "/v1/trainings/{id}/cancel", "/v1/trainings/" + training + "/cancel");
    hidden("POST", "/v1/trainings/{id}/continue", "/v1/trainings/" + training + "/continue");
    hidden("GET", "/v1/trainings/{id}/export", "/v1/trainings/" + training + "/export");
    hidden("GET", "/v1/translations/{id}", "/v1/translations/" + translation);
    hidden("GET", "/v1/translations/{id}/outputs/{index}", "/v1/translations/" + translation + "/outputs/0");
    hidden("POST", "/v1/translations/{id}/cancel", "/v1/translations/" + translation + "/cancel");
    hidden("GET", "/v1/evaluations/{id}", "/v1/evaluations/" + evaluation);
    hidden("GET", "/v1/evaluations/{id}/report", "/v1/evaluations/" + evaluation + "/report");
    hidden("GET", "/v1/evaluations/{id}/report.json", "/v1/evaluations/" + evaluation + "/report.json");
    hidden("GET", "/v1/evaluations/{id}/files/{name}", "/v1/evaluations/" + evaluation + "/files/grid-k1.png");
    hidden("POST", "/v1/evaluations/{id}/cancel", "/v1/evaluations/" + evaluation + "/cancel");
    hidden("GET", "/v1/styles/{id}", "/v1/styles/" + style);
    hidden("GET", "/v1/styles/{id}/class/{j}", "/v1/styles/" + style + "/class/0");
    hidden("GET", "/v1/models/{id}", "/v1/models/" + training);
    // B's cancels changed nothing
    for (String id : List.of(probe, dataset, training, translation, evaluation)) {
      assertThat(json(call(keyA, "GET", "/v1/jobs/" + id, null)).path("state").asText()).isEqualTo("queued");
    }

    // listings: B sees none of A's, A and the admin see them
    List<String> aJobs = List.of(probe, dataset, training, translation, evaluation);
    filtered("/v1/jobs", aJobs);
    filtered("/v1/datasets", List.of(dataset));
    filtered("/v1/trainings", List.of(training));
    filtered("/v1/translations", List.of(translation));
    filtered("/v1/evaluations", List.of(evaluation));
    filtered("/v1/models", List.of(training));
    filtered("/v1/styles", List.of(style));
    assertThat(ids(call(keyB, "GET", "/v1/models", null))).contains("public-model"); // public: no training

    // references to A's things in B's requests: refused as unknown, naming the field
    refused("/v1/trainings", "/v1/trainings", "{\"dataset\": \"" + dataset + "\", \"preset\": \"font-32\"}", "dataset");
    refused("/v1/trainings", "/v1/trainings", "{\"dataset\": \"" + dataset + "\", \"preset\": \"font-32\", "
        + "\"continue_from\": \"" + training + "\"}", "continue_from");
    refused("/v1/translations", "/v1/translations", "{\"model\": \"" + training + "\", \"content_keys\": [\"" + inputKey
        + "\"], \"class_keys\": [\"" + inputKey + "\"]}", "model");
    refused("/v1/translations", "/v1/translations", "{\"model\": \"public-model\", \"content_keys\": [\"" + inputKey
        + "\"], \"class_keys\": [\"" + inputKey + "\"]}", "content_keys[0]");
    refused("/v1/translations", "/v1/translations", "{\"model\": \"public-model\", \"content_keys\": [\"" + inputKey
        + "\"], \"style_id\": \"" + style + "\"}", "style_id");
    refused("/v1/evaluations", "/v1/evaluations", "{\"model\": \"" + training + "\", \"dataset\": \"" + dataset + "\"}",
        "model");
    refused("/v1/evaluations", "/v1/evaluations", "{\"model\": \"public-model\", \"dataset\": \"" + dataset + "\"}",
        "dataset");
    refused("/v1/styles", "/v1/styles", "{\"class_keys\": [\"" + inputKey + "\"]}", "class_keys[0]");
    refused("/v1/styles", "/v1/styles", "{\"dataset\": \"" + dataset + "\", \"class\": \"face-0\"}", "dataset");
    refused("/v1/datasets", "/v1/datasets", "{\"kind\": \"s3\", \"prefix\": \"tenants/tenant-a/fonts/\"}", "prefix");
    // a bundle of A's dataset's very classes, continued on it by B: unknown, not compared
    walked.add("POST /v1/trainings/import");
    HttpResponse<String> imported = multipart(keyB, "/v1/trainings/import", "file", TestBundles.bundle(3,
        List.of("class-0", "class-1", "class-2", "class-3")), Map.of("dataset", dataset, "iterations", "10"));
    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(400);
    assertThat(json(imported).path("field").asText()).isEqualTo("dataset");
    assertThat(json(imported).path("detail").asText()).doesNotContain("class");

    // the generic route takes every type's request: each type's own case (TenantCase) is refused there
    TenantCase.Fixture a = new TenantCase.Fixture(inputKey, dataset, training, style);
    for (TenantCase type : ServiceLoader.load(TenantCase.class)) {
      for (TenantCase.Refusal refusal : type.refusals(a)) {
        refused("/v1/jobs/{type}", "/v1/jobs/" + type.type().wireName(), refusal.body(), refusal.field());
      }
    }
    assertThat(call(keyA, "POST", "/v1/jobs/probe", "{\"input_key\": \"" + inputKey + "\"}").statusCode())
        .as("A may name its own object").isEqualTo(202);
    // every type has its own case (a TenantCase): what its request names is refused when another tenant owns it
    assertThat(refusedTypes).as("job types with a tenant-isolation case").containsExactlyInAnyOrderElementsOf(
        io.funit.common.jobs.JobDescriptors.types().stream().map(io.funit.common.contract.JobType::wireName).toList());

    // what B makes is B's: A cannot see it, the admin can
    HttpResponse<String> own = call(keyB, "POST", "/v1/jobs/probe", "{\"steps\": 1}");
    String bProbe = created(own);
    assertThat(call(keyA, "GET", "/v1/jobs/" + bProbe, null).statusCode()).isEqualTo(404);
    assertThat(call(keyAdmin, "GET", "/v1/jobs/" + bProbe, null).statusCode()).isEqualTo(200);
    assertThat(ids(call(keyAdmin, "GET", "/v1/jobs?limit=500", null))).contains(bProbe, probe);
    assertThat(call(keyAdmin, "GET", "/v1/styles/" + style, null).statusCode()).isEqualTo(200);
    assertThat(call(keyAdmin, "GET", "/v1/models/" + training, null).statusCode()).isEqualTo(200);

    // every documented /v1 operation was walked
    JsonNode document = json(call(null, "GET", "/openapi.json", null));
    Set<String> documented = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      if (path.getKey().startsWith("/v1/")) {
        for (String method : List.of("get", "post", "put", "patch", "delete")) {
          if (path.getValue().has(method)) {
            documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
          }
        }
      }
    }
    assertThat(walked).isEqualTo(documented);
  }

  @Test
  void aTenantOverItsActiveJobQuotaGets429() throws Exception {
    for (int i = 0; i < MAX_ACTIVE; i++) {
      created(call(keyC, "POST", "/v1/jobs/probe", "{\"steps\": 1}"));
    }
    HttpResponse<String> over = call(keyC, "POST", "/v1/translations", "{\"model\": \"public-model\", "
        + "\"content_keys\": [\"x\"], \"class_keys\": [\"x\"]}");
    assertThat(over.statusCode()).isEqualTo(429);
    assertThat(over.headers().firstValue("Retry-After")).isPresent();
    assertThat(json(over).path("type").asText()).isEqualTo("https://funit.dev/problems/quota-exceeded");
    // another tenant is not held back by C's jobs
    assertThat(call(keyB, "POST", "/v1/jobs/probe", "{\"steps\": 1}").statusCode()).isEqualTo(202);
  }

  /** B gets the 404 an unknown id gets; for a read, A and the admin get past the lookup (another answer). */
  private void hidden(String method, String template, String path) throws Exception {
    walked.add(method + " " + template);
    String body = method.equals("POST") ? "{\"iterations\": 10}" : null;
    HttpResponse<String> asB = call(keyB, method, path, body);
    assertThat(asB.statusCode()).as(method + " " + path + " as B: " + asB.body()).isEqualTo(404);
    JsonNode problem = json(asB);
    assertThat(problem.path("type").asText()).isEqualTo("https://funit.dev/problems/not-found");
    assertThat(problem.path("detail").asText()).startsWith("no ");
    if (method.equals("GET")) { // A's and the admin's cancels would end A's jobs: reads only
      for (String key : List.of(keyA, keyAdmin)) {
        HttpResponse<String> owner = call(key, method, path, body);
        if (owner.statusCode() == 404) {
          assertThat(json(owner).path("detail").asText()).as(method + " " + path + " by its owner or the admin")
              .isNotEqualTo(problem.path("detail").asText());
        }
      }
    }
  }

  /** The event stream of A's job is a 404 for B; A gets the stream (read only its first line). */
  private void hiddenStream(String template, String path) throws Exception {
    walked.add("GET " + template);
    HttpResponse<String> asB = call(keyB, "GET", path, null);
    assertThat(asB.statusCode()).isEqualTo(404);
    HttpResponse<java.util.stream.Stream<String>> asA = http.send(request(keyA, path).GET()
        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
    assertThat(asA.statusCode()).isEqualTo(200);
    asA.body().close();
  }

  private void filtered(String path, List<String> aIds) throws Exception {
    walked.add("GET " + path);
    String all = path + "?limit=500";
    assertThat(ids(call(keyB, "GET", all, null))).doesNotContainAnyElementsOf(aIds);
    assertThat(ids(call(keyA, "GET", all, null))).containsAll(aIds);
    assertThat(ids(call(keyAdmin, "GET", all, null))).containsAll(aIds);
  }

  /** B's POST naming A's things is a 400 naming the field, as for something that does not exist. */
  private void refused(String template, String path, String body, String field) throws Exception {
    walked.add("POST " + template);
    if (template.equals("/v1/jobs/{type}")) {
      refusedTypes.add(path.substring("/v1/jobs/".length()));
    }
    HttpResponse<String> asB = call(keyB, "POST", path, body);
    assertThat(asB.statusCode()).as(path + " " + body + ": " + asB.body()).isEqualTo(400);
    assertThat(json(asB).path("field").asText()).isEqualTo(field);
  }

  private static List<String> ids(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    json(response).path("items").forEach(item -> ids.add(item.path("id").asText()));
    return ids;
  }

  private static String created(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isIn(201, 202);
    return json(response).path("id").asText();
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return Json.MAPPER.readTree(response.body());
  }

  private static byte[] card(String id, String training) {
    return Json.writeBytes(Map.of("id", id, "training", training == null ? "shipped" : training, "preset",
        "font-32", "image_size", 32, "created_at", "2026-01-01T00:00:00Z"));
  }

  private HttpRequest.Builder request(String key, String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.startedGatewayPort()
        + path)).timeout(Duration.ofSeconds(30));
    return key == null ? request : request.header("Authorization", "Bearer " + key);
  }

  private HttpResponse<String> call(String key, String method, String path, String json) throws Exception {
    HttpRequest.Builder request = request(key, path);
    if (method.equals("POST")) {
      request.POST(HttpRequest.BodyPublishers.ofString(json == null ? "{}" : json))
          .header("Content-Type", "application/json");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> multipart(String key, String path, String field, byte[] png) throws Exception {
    return multipart(key, path, field, png, Map.of());
  }

  private HttpResponse<String> multipart(String key, String path, String field, byte[] file, Map<String, String> form)
      throws Exception {
    String boundary = "funit-" + java.util.UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    form.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
        + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field
        + "\"; filename=\"c.png\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(file);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return http.send(request(key, path).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
