package io.funit.deploy.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.embedded.FreePorts;
import io.funit.common.json.Json;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code ./funit up} promises, with the real service jars as child processes: ready, a job done, state kept
 * across a restart on the same data directory, objects readable by a plain S3 client, tenant keys of the keys file
 * taken and revoked without a restart.
 */
class EmbeddedStackIT {
  /** The dataset rebuild has its own test (ShippedModelDatasetIT). */
  private static final Map<String, String> NO_REBUILD = Map.of(EmbeddedStack.REBUILD_DATASET, "false");
  @TempDir Path data;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void stackServesJobsAndKeepsThemAcrossARestart() throws Exception {
    StackLayout layout = new StackLayout(data, FreePorts.pick(), FreePorts.pick(), FreePorts.pick(),
        FreePorts.pick(), WorkerCounts.parse("translate=1,train=0,eval=0"), 120);
    Installation installation = new Installation(Path.of("..").toAbsolutePath().normalize());
    assertThat(installation.gatewayJar()).as("built by the package phase of the gateway module").exists();

    String jobId;
    String apiKey;
    try (EmbeddedStack stack = EmbeddedStack.start(layout, installation, NO_REBUILD)) {
      apiKey = Files.readString(layout.apiKeyFile()).trim();
      jobId = submitProbe(layout, apiKey);
      await().atMost(Duration.ofSeconds(60)).until(() -> job(layout, apiKey, jobId).path("state").asText(),
          "succeeded"::equals);
    }

    try (EmbeddedStack restarted = EmbeddedStack.start(layout, installation, NO_REBUILD)) {
      assertThat(Files.readString(layout.apiKeyFile()).trim()).isEqualTo(apiKey);
      JsonNode job = job(layout, apiKey, jobId);
      assertThat(job.path("state").asText()).isEqualTo("succeeded");

      // a tenant's key made with ./funit keys works without a restart, sees nothing of the admin's tenant, and
      // stops working once revoked
      io.funit.common.auth.ApiKeysFile keysFile = new io.funit.common.auth.ApiKeysFile(layout.apiKeysFile());
      io.funit.common.auth.ApiKeysFile.CreatedKey tenantKey = keysFile.create("acme", false);
      await().atMost(Duration.ofSeconds(10)).until(() -> status(layout, tenantKey.key(), "/v1/jobs/" + jobId),
          status -> status == 404);
      keysFile.revoke(tenantKey.entry().id());
      await().atMost(Duration.ofSeconds(10)).until(() -> status(layout, tenantKey.key(), "/v1/jobs/" + jobId),
          status -> status == 401);

      MinioClient s3 = MinioClient.builder().endpoint("http://127.0.0.1:" + layout.s3Port())
          .credentials("minioadmin", "minioadmin").region("us-east-1").build();
      List<String> keys = new ArrayList<>();
      for (Result<Item> item : s3.listObjects(ListObjectsArgs.builder().bucket("funit").recursive(true).build())) {
        keys.add(item.get().objectName());
      }
      String outputKey = job.path("result").path("output_key").asText();
      assertThat(keys).contains(outputKey);
      try (var in = s3.getObject(GetObjectArgs.builder().bucket("funit").object(outputKey).build())) {
        assertThat(Json.MAPPER.readTree(in.readAllBytes()).path("job_id").asText()).isEqualTo(jobId);
      }
    }
  }

  private String submitProbe(StackLayout layout, String apiKey) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(url(layout, "/v1/jobs/probe"))
        .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"steps\": 2, \"step_millis\": 100}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(202);
    return Json.MAPPER.readTree(response.body()).path("id").asText();
  }

  private JsonNode job(StackLayout layout, String apiKey, String id) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(url(layout, "/v1/jobs/" + id))
        .header("Authorization", "Bearer " + apiKey).build(), HttpResponse.BodyHandlers.ofString());
    return Json.MAPPER.readTree(response.body());
  }

  private int status(StackLayout layout, String apiKey, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(url(layout, path)).header("Authorization", "Bearer " + apiKey).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static URI url(StackLayout layout, String path) {
    return URI.create("http://127.0.0.1:" + layout.gatewayPort() + path);
  }
}
