package io.funit.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.funit.common.config.KafkaSettings;
import io.funit.common.config.S3Settings;
import io.funit.common.config.Settings;
import io.funit.common.embedded.FreePorts;
import io.funit.common.json.Json;
import io.funit.common.kafka.KafkaClients;
import io.funit.common.kafka.TopicInitializer;
import io.funit.common.storage.ObjectStore;
import io.funit.common.testing.Infra;
import io.funit.common.testing.InfraExtension;
import io.funit.deploy.manifests.Kustomize;
import io.funit.deploy.manifests.RenderedOverlay;
import io.funit.deploy.up.ShippedModel;
import io.funit.gateway.GatewayMain;
import io.funit.worker.eval.EvalWorkerMain;
import io.funit.worker.train.TrainWorkerMain;
import io.funit.worker.translate.TranslateWorkerMain;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes manifests' wiring, run: each process (the gateway and the three workers) starts with exactly the
 * environment its Deployment in the rendered cpu overlay gives it: the ConfigMap, its own variables, the Secret's
 * keys. Only what a cluster would provide is mapped: the Kafka and S3 host names to the real servers on loopback,
 * the ports to free ones (every pod has its own network, these processes share one), the volume mounts to
 * directories, the pod name. Then a translation, a short training and an evaluation succeed through that wiring.
 */
@ExtendWith(InfraExtension.class)
class ManifestWiringIT {
  private static final Map<String, Class<?>> MAINS = Map.of("funit-gateway", GatewayMain.class,
      "funit-translate-worker", TranslateWorkerMain.class, "funit-train-worker", TrainWorkerMain.class,
      "funit-eval-worker", EvalWorkerMain.class);
  private static final Path SHIPPED = Path.of("..", "models", "default");
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  @Test
  void aTranslationATrainingAndAnEvaluationSucceedThroughTheManifestsWiring(Infra infra, @TempDir Path dir)
      throws Exception {
    RenderedOverlay overlay = new RenderedOverlay(Kustomize.render("cpu"));
    Map<String, String> config = overlay.config.getData();
    String apiKey = "wiring-" + java.util.UUID.randomUUID();
    Map<String, String> secrets = Map.of("api-keys", apiKey, "s3-access-key", infra.s3AccessKey(),
        "s3-secret-key", infra.s3SecretKey(),
        "webhook-secrets", io.funit.common.auth.NewSecrets.webhookSecret());
    Map<String, String> cluster = Map.of(config.get("FUNIT_KAFKA_BOOTSTRAP"), infra.kafkaBootstrap(),
        config.get("FUNIT_S3_ENDPOINT"), infra.s3Endpoint());

    // the cluster this test stands in for has one broker: its topics are made as an operator would, so the
    // services' own creation (FUNIT_KAFKA_REPLICATION 3, for three brokers) finds them there
    Settings asOperator = Settings.of(mapped(config, cluster)).with(Map.of("FUNIT_KAFKA_REPLICATION", "1",
        "FUNIT_S3_ACCESS_KEY", infra.s3AccessKey(), "FUNIT_S3_SECRET_KEY", infra.s3SecretKey()));
    TopicInitializer.ensureTopics(new KafkaClients(KafkaSettings.from(asOperator)));
    ObjectStore store = new ObjectStore(S3Settings.from(asOperator));
    store.ensureBucket();
    String model = ShippedModel.installIfNoDefault(store, SHIPPED);
    String dataset = TrainingDatasets.publishSmall(store, dir.resolve("dataset"));

    List<Process> processes = new ArrayList<>();
    Map<String, Integer> ports = new LinkedHashMap<>();
    try {
      for (Deployment deployment : overlay.deployments.values()) {
        String name = deployment.getMetadata().getName();
        int port = FreePorts.pick();
        ports.put(name, port);
        Map<String, String> env = podEnvironment(overlay, deployment, secrets, cluster, port, dir.resolve(name));
        processes.add(start(MAINS.get(name), env, dir.resolve(name + ".log")));
      }
      for (Map.Entry<String, Integer> process : ports.entrySet()) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
            .until(() -> get(process.getValue(), "/readyz", null).statusCode() == 200);
      }
      String gateway = "http://127.0.0.1:" + ports.get("funit-gateway");

      HttpResponse<String> translation = TestTranslations.translate(http, gateway, apiKey, 1);
      assertThat(translation.statusCode()).as(translation.body()).isEqualTo(200);
      assertThat(Json.MAPPER.readTree(translation.body()).path("status").asText()).isEqualTo("succeeded");

      JsonNode training = post(gateway, apiKey, "/v1/trainings", "{\"dataset\":\"" + dataset + "\","
          + String.format(TrainingJobIT.TINY, 10) + "}");
      JsonNode evaluation = post(gateway, apiKey, "/v1/evaluations", "{\"model\":\"" + model + "\",\"dataset\":\""
          + dataset + "\",\"k\":[1,2],\"contents\":3}");
      assertThat(awaitEnd(ports.get("funit-gateway"), apiKey, training.path("id").asText()).path("state").asText())
          .isEqualTo("succeeded");
      JsonNode evaluated = awaitEnd(ports.get("funit-gateway"), apiKey, evaluation.path("id").asText());
      assertThat(evaluated.path("state").asText()).as(evaluated.toString()).isEqualTo("succeeded");
      assertThat(evaluated.path("worker_id").asText()).startsWith("funit-eval-worker");
    } finally {
      processes.forEach(Process::destroyForcibly);
    }
  }

  /**
   * The container's environment from the manifest, with the cluster's addresses, the pod's port and its volumes
   * mapped to this host; plus what the image sets (DJL's offline mode and its unpacked cache).
   */
  private static Map<String, String> podEnvironment(RenderedOverlay overlay, Deployment deployment,
      Map<String, String> secrets, Map<String, String> cluster, int port, Path pod) {
    Map<String, String> env = mapped(overlay.environment(deployment, secrets), cluster);
    for (EnvVar var : RenderedOverlay.container(deployment).getEnv()) {
      if (var.getValueFrom() != null && var.getValueFrom().getFieldRef() != null) {
        env.put(var.getName(), deployment.getMetadata().getName() + "-pod"); // metadata.name: the pod's name
      }
    }
    env.replaceAll((key, value) -> key.equals("FUNIT_GATEWAY_PORT") || key.equals("FUNIT_WORKER_HTTP_PORT")
        ? Integer.toString(port) : value);
    for (VolumeMount mount : RenderedOverlay.container(deployment).getVolumeMounts()) {
      env.replaceAll((key, value) -> value.startsWith(mount.getMountPath() + "/") || value.equals(mount.getMountPath())
          ? pod.resolve(mount.getMountPath().substring(1)) + value.substring(mount.getMountPath().length()) : value);
    }
    env.put("DJL_OFFLINE", "true");
    env.put("DJL_CACHE_DIR", Path.of("..", ".cache", "djl").toAbsolutePath().normalize().toString());
    return env;
  }

  private static Map<String, String> mapped(Map<String, String> env, Map<String, String> cluster) {
    Map<String, String> out = new HashMap<>();
    env.forEach((key, value) -> out.put(key, cluster.getOrDefault(value, value)));
    return out;
  }

  /** The main in its own JVM with nothing of this JVM's environment but PATH and HOME. */
  private static Process start(Class<?> main, Map<String, String> env, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), main.getName())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> inherited = Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
        "HOME", System.getProperty("user.home"));
    builder.environment().clear();
    builder.environment().putAll(inherited);
    builder.environment().putAll(env);
    return builder.start();
  }

  private JsonNode post(String gateway, String apiKey, String path, String json) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway + path))
        .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(202);
    return Json.MAPPER.readTree(response.body());
  }

  private JsonNode awaitEnd(int port, String apiKey, String id) {
    await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
        .until(() -> Json.MAPPER.readTree(get(port, "/v1/jobs/" + id, apiKey).body()).path("state").asText(),
            state -> state.equals("succeeded") || state.equals("failed") || state.equals("canceled"));
    try {
      return Json.MAPPER.readTree(get(port, "/v1/jobs/" + id, apiKey).body());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private HttpResponse<String> get(int port, String path, String apiKey) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(5));
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
