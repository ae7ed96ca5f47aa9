package io.funit.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import io.funit.common.config.Settings;
import io.funit.common.health.HealthServer;
import io.funit.common.health.HealthServerSettings;
import io.funit.common.worker.WorkerSettings;
import io.funit.gateway.Gateway;
import io.funit.gateway.GatewaySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/compose and deploy/docker held to the code (no Docker engine runs here to build or start them): only
 * settings the code reads, the ports and probe paths each process serves, grace periods above the drains, images
 * built from the jars Maven packages, non-root, libtorch unpacked at build time, GPUs reserved by the GPU file.
 */
class ComposeAndImagesTest {
  private static final Path COMPOSE = Repository.ROOT.resolve("deploy/compose");
  private static final Path DOCKER = Repository.ROOT.resolve("deploy/docker");
  private static final List<String> WORKERS = List.of("translate", "train", "eval");
  private static final Pattern URL = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)(/\\S*)");

  @Test
  void composeGivesEachServiceTheSettingsPortsAndProbesTheCodeHas() throws Exception {
    Compose compose = Compose.read(COMPOSE.resolve("compose.yaml"));
    assertThat(compose.services().keySet()).containsExactlyInAnyOrder("kafka", "minio", "minio-init", "gateway",
        "translate-worker", "train-worker", "eval-worker");
    Set<String> read = Repository.settingsTheCodeReads();
    for (String name : List.of("gateway", "translate-worker", "train-worker", "eval-worker")) {
      Compose.Service service = compose.services().get(name);
      Map<String, String> env = service.containerEnvironment(COMPOSE);
      assertThat(env.keySet()).as(name).allMatch(read::contains, "read by the code");
      Settings settings = Settings.of(resolveDefaults(env));
      boolean gateway = name.equals("gateway");
      int port = gateway ? GatewaySettings.from(settings).port() : HealthServerSettings.from(settings).port();
      assertProbe(name, service.healthcheck(), port, HealthServer.READINESS);
      Duration drain = gateway ? GatewaySettings.from(settings).drainDelay().plus(Gateway.SHUTDOWN_TIMEOUT)
          : WorkerSettings.from(settings).shutdownGrace();
      assertThat(seconds(service.stopGracePeriod())).as(name + " stop_grace_period")
          .isGreaterThanOrEqualTo(drain.toSeconds() + 10);
      assertThat(service.dependsOn()).containsKeys("kafka", "minio-init");
      assertThat(Repository.ROOT.resolve(service.build().dockerfile())).exists();
      // the stack's own addresses: the broker and MinIO as services of this file
      assertThat(env.get("FUNIT_KAFKA_BOOTSTRAP")).isEqualTo("kafka:9092");
      assertThat(compose.services().get("kafka").environment().get("KAFKA_ADVERTISED_LISTENERS"))
          .contains(env.get("FUNIT_KAFKA_BOOTSTRAP"));
      assertThat(env.get("FUNIT_S3_ENDPOINT")).isEqualTo("http://minio:9000");
      if (gateway) {
        assertThat(service.ports()).contains(port + ":" + port);
      } else {
        assertThat(service.build().args()).containsEntry("WORKER", name.replace("-worker", ""));
      }
    }
    assertThat(compose.services().get("minio-init").command().get(0)).contains("mc mb --ignore-existing funit/"
        + compose.services().get("gateway").containerEnvironment(COMPOSE).get("FUNIT_S3_BUCKET"));
  }

  @Test
  void theGpuFileGivesEveryWorkerTheCudaImageAndAnNvidiaGpu() throws Exception {
    Compose gpu = Compose.read(COMPOSE.resolve("compose.gpu.yaml"));
    assertThat(gpu.services().keySet()).containsExactlyInAnyOrder("translate-worker", "train-worker", "eval-worker");
    for (Map.Entry<String, Compose.Service> entry : gpu.services().entrySet()) {
      Compose.Service service = entry.getValue();
      assertThat(service.build().dockerfile()).isEqualTo("deploy/docker/Dockerfile.worker-cuda");
      assertThat(service.image()).endsWith("-cuda");
      assertThat(service.environment()).containsEntry("FUNIT_DEVICE", "gpu");
      assertThat(service.deploy().resources().reservations().devices()).anySatisfy(device -> {
        assertThat(device.driver()).isEqualTo("nvidia");
        assertThat(device.capabilities()).contains("gpu");
        assertThat(device.count()).isPositive();
      });
    }
  }

  @Test
  void imagesAreBuiltFromThePackagedJarsRunAsNonRootAndNameOnlySettingsTheCodeReads() {
    Set<String> read = Repository.settingsTheCodeReads();
    for (String file : List.of("Dockerfile.gateway", "Dockerfile.worker", "Dockerfile.worker-cuda")) {
      String dockerfile = Repository.read(DOCKER.resolve(file));
      assertThat(dockerfile).as(file).contains("USER 10001:10001").containsPattern("ENTRYPOINT \\[\"java\", \"-jar\"");
      Matcher setting = Pattern.compile("\\b(FUNIT_[A-Z0-9_]+)=").matcher(dockerfile);
      while (setting.find()) {
        assertThat(setting.group(1)).as(file).isIn(read);
      }
      for (String module : file.equals("Dockerfile.gateway") ? List.of("gateway")
          : WORKERS.stream().map(w -> w + "-worker").toList()) {
        String copied = file.equals("Dockerfile.gateway") ? "gateway/target/funit-gateway.jar"
            : "${WORKER}-worker/target/funit-${WORKER}-worker.jar";
        assertThat(dockerfile).contains("COPY " + copied);
        // the jar a module packages is target/<artifactId>.jar (the parent's finalName)
        assertThat(Repository.read(Repository.ROOT.resolve(module).resolve("pom.xml")))
            .contains("<artifactId>funit-" + module + "</artifactId>");
      }
      assertThat(dockerfile).containsPattern("MaxRAMPercentage=\\d+");
      // the same steady heap as ./funit up and the launcher start services with
      assertThat(dockerfile).contains(String.join(" ", io.funit.deploy.up.ServiceJvm.STEADY_HEAP));
    }
    int workerPort = HealthServerSettings.from(Settings.of(Map.of())).port();
    for (String file : List.of("Dockerfile.worker", "Dockerfile.worker-cuda")) {
      String dockerfile = Repository.read(DOCKER.resolve(file));
      assertThat(dockerfile).contains("EXPOSE " + workerPort, "DJL_OFFLINE=true", "DJL_CACHE_DIR=/var/cache/djl",
          "io.funit.common.funit.engine.EngineCheck", "MaxRAMPercentage=25");
    }
    String cuda = Repository.read(DOCKER.resolve("Dockerfile.worker-cuda"));
    assertThat(cuda).contains("FROM nvidia/cuda:11.8.0-cudnn8-runtime-ubuntu22.04", "pytorch-native-cu118",
        "jnilib/linux-x86_64/cu118/libdjl_torch.so");
    // the DJL cache layout the image fills must be the one of the DJL and libtorch the build resolves
    String pom = Repository.read(Repository.ROOT.resolve("pom.xml"));
    Matcher djl = Pattern.compile("ARG DJL_VERSION=(\\S+)").matcher(cuda);
    Matcher libtorch = Pattern.compile("ARG LIBTORCH_BUILD=(\\S+)").matcher(cuda);
    assertThat(djl.find() && libtorch.find()).isTrue();
    assertThat(pom).contains("<djl.version>" + djl.group(1) + "</djl.version>");
    assertThat(libtorch.group(1)).startsWith(pomValue(pom, "pytorch.native.version") + "-").endsWith("-cu118-linux-x86_64");
    // workers build font datasets with apt-get download: a Debian image with its package lists
    assertThat(Repository.read(DOCKER.resolve("Dockerfile.worker"))).contains("FROM debian:bookworm-slim")
        .doesNotContain("rm -rf /var/lib/apt/lists");
    String gateway = Repository.read(DOCKER.resolve("Dockerfile.gateway"));
    assertThat(gateway).contains("FUNIT_GATEWAY_PORT=8080", "EXPOSE 8080");
    assertThat(Files.exists(Repository.ROOT.resolve(".dockerignore"))).isTrue();
  }

  private static String pomValue(String pom, String property) {
    Matcher value = Pattern.compile("<" + Pattern.quote(property) + ">([^<]+)</").matcher(pom);
    assertThat(value.find()).as(property).isTrue();
    return value.group(1);
  }

  private static void assertProbe(String service, Compose.Healthcheck healthcheck, int port, String path) {
    Matcher url = URL.matcher(String.join(" ", healthcheck.test()));
    assertThat(url.find()).as(service + " healthcheck " + healthcheck.test()).isTrue();
    assertThat(Integer.parseInt(url.group(1))).as(service + " probe port").isEqualTo(port);
    assertThat(url.group(2)).as(service + " probe path").isEqualTo(path);
  }

  /** Compose's ${VAR:-default} and ${VAR:?message} as an unset shell leaves them. */
  private static Map<String, String> resolveDefaults(Map<String, String> env) {
    Map<String, String> resolved = new java.util.HashMap<>();
    env.forEach((k, v) -> resolved.put(k, v.replaceAll("\\$\\{[A-Z0-9_]+:-([^}]*)}", "$1")
        .replaceAll("\\$\\{[A-Z0-9_]+:\\?[^}]*}", "set-by-the-operator")));
    return resolved;
  }

  private static long seconds(String composeDuration) {
    assertThat(composeDuration).matches("\\d+s");
    return Long.parseLong(composeDuration.substring(0, composeDuration.length() - 1));
  }
}
