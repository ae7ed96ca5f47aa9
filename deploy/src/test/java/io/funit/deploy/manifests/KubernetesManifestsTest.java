package io.funit.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.funit.common.config.S3Settings;
import io.funit.common.config.Settings;
import io.funit.common.contract.JobType;
import io.funit.common.health.HealthServer;
import io.funit.common.health.HealthServerSettings;
import io.funit.common.kafka.KafkaClients;
import io.funit.common.kafka.Topics;
import io.funit.common.storage.ObjectStore;
import io.funit.common.translate.TranslateJob;
import io.funit.common.worker.JobHandler;
import io.funit.common.worker.WorkerMain;
import io.funit.common.worker.WorkerServices;
import io.funit.common.worker.WorkerSettings;
import io.funit.gateway.Gateway;
import io.funit.gateway.GatewaySettings;
import io.funit.worker.eval.EvalWorkerMain;
import io.funit.worker.train.TrainWorkerMain;
import io.funit.worker.translate.TranslateWorkerMain;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/k8s rendered by kustomize, both overlays, held to the code: objects Kubernetes accepts, settings the code
 * reads, the probe paths and ports each process serves, grace periods above the drains, a disruption budget per
 * worker, each worker type's ScaledObject on exactly the groups and topics its handlers consume, and GPUs for every
 * worker of the GPU overlay.
 */
class KubernetesManifestsTest {
  /** The jobs each worker deployment's main can run, from the worker mains themselves. */
  private static final Map<String, Function<WorkerServices, List<JobHandler<?>>>> WORKERS = Map.of(
      "funit-translate-worker", TranslateWorkerMain::handlers, "funit-train-worker", TrainWorkerMain::handlers,
      "funit-eval-worker", EvalWorkerMain::handlers, "funit-dataset-worker", TrainWorkerMain::handlers);

  @ParameterizedTest
  @ValueSource(strings = {"cpu", "gpu"})
  void everyObjectIsOneKubernetesAndKedaAccept(String overlay) throws Exception {
    Map<String, Long> kinds = Kustomize.render(overlay).stream().peek(StrictObjects::read)
        .collect(Collectors.groupingBy(o -> o.path("kind").asText(), Collectors.counting()));
    long deployments = kinds.get("Deployment");
    assertThat(deployments).isGreaterThanOrEqualTo(4);
    // a Service and a disruption budget each, a ScaledObject for each worker (all but the gateway)
    assertThat(kinds).containsEntry("Service", deployments).containsEntry("PodDisruptionBudget", deployments)
        .containsEntry("ScaledObject", deployments - 1).containsEntry("ConfigMap", 1L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"cpu", "gpu"})
  void everySettingTheyGiveIsOneTheCodeReads(String overlay) throws Exception {
    RenderedOverlay rendered = new RenderedOverlay(Kustomize.render(overlay));
    Set<String> read = Repository.settingsTheCodeReads();
    assertThat(rendered.config.getData().keySet()).allMatch(read::contains, "read by the code: " + read);
    for (Deployment deployment : rendered.deployments.values()) {
      for (EnvVar env : container(deployment).getEnv()) {
        assertThat(env.getName()).as(deployment.getMetadata().getName()).isIn(read);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"cpu", "gpu"})
  void probesPortsAndGracePeriodsFitWhatEachProcessServes(String overlay) throws Exception {
    RenderedOverlay rendered = new RenderedOverlay(Kustomize.render(overlay));
    assertThat(rendered.deployments.keySet()).contains("funit-gateway", "funit-translate-worker",
        "funit-train-worker", "funit-eval-worker");
    for (Deployment deployment : rendered.deployments.values()) {
      String name = deployment.getMetadata().getName();
      Settings env = Settings.of(rendered.environment(deployment));
      boolean gateway = name.equals("funit-gateway");
      int port = gateway ? GatewaySettings.from(env).port() : HealthServerSettings.from(env).port();
      Container container = container(deployment);
      assertThat(container.getPorts()).as(name).anySatisfy(p -> {
        assertThat(p.getName()).isEqualTo("http");
        assertThat(p.getContainerPort()).isEqualTo(port);
      });
      assertProbe(name, container.getLivenessProbe(), HealthServer.LIVENESS);
      assertProbe(name, container.getReadinessProbe(), HealthServer.READINESS);
      if (container.getStartupProbe() != null) {
        assertProbe(name, container.getStartupProbe(), HealthServer.LIVENESS);
      }
      long drainSeconds = gateway
          ? GatewaySettings.from(env).drainDelay().plus(Gateway.SHUTDOWN_TIMEOUT).toSeconds()
          : WorkerSettings.from(env).shutdownGrace().toSeconds();
      // the Kafka clients close after the hand-back or the drain delay: 10 s more at the least
      assertThat(deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds()).as(name)
          .isGreaterThanOrEqualTo(drainSeconds + 10);
      Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
      assertThat(rendered.budgets).as("a PodDisruptionBudget selects " + name).anySatisfy(budget ->
          assertThat(podLabels).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels()));
      assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"cpu", "gpu"})
  void eachWorkerTypeScalesOnExactlyTheGroupsAndTopicsItsHandlersConsume(String overlay) throws Exception {
    RenderedOverlay rendered = new RenderedOverlay(Kustomize.render(overlay));
    Map<String, String> config = rendered.config.getData();
    Topics topics = new Topics(config.get("FUNIT_TOPIC_PREFIX"));
    // KEDA's operator resolves the name from its own namespace: it must say which namespace
    assertThat(config.get("FUNIT_KAFKA_BOOTSTRAP").split(":")[0]).contains(".");
    for (Deployment worker : rendered.deployments.values()) {
      String deployment = worker.getMetadata().getName();
      if (deployment.equals("funit-gateway")) {
        continue;
      }
      assertThat(WORKERS).as("a worker main for " + deployment).containsKey(deployment);
      ScaledObject scaled = rendered.scaledObjects.stream()
          .filter(s -> s.spec().scaleTargetRef().name().equals(deployment)).findFirst().orElseThrow(
              () -> new AssertionError("no ScaledObject targets " + deployment));
      // the handlers this deployment's process runs: its main's, narrowed by its FUNIT_WORKER_JOB_TYPES
      List<JobType> consumed = WorkerMain.select(WORKERS.get(deployment).apply(services()),
          Settings.of(rendered.environment(worker))).stream().map(JobHandler::type).toList();
      assertThat(scaled.spec().triggers()).extracting(t -> t.metadata().topic() + " / " + t.metadata().consumerGroup())
          .containsExactlyInAnyOrderElementsOf(consumed.stream()
              .map(t -> topics.work(t) + " / " + topics.workerGroup(t)).toList());
      for (ScaledObject.Trigger trigger : scaled.spec().triggers()) {
        assertThat(trigger.type()).isEqualTo("kafka");
        assertThat(trigger.metadata().bootstrapServers()).isEqualTo(config.get("FUNIT_KAFKA_BOOTSTRAP"));
        assertThat(trigger.metadata().offsetResetPolicy()).isEqualTo(KafkaClients.WORK_OFFSET_RESET);
        assertThat(Integer.parseInt(trigger.metadata().lagThreshold())).isPositive();
      }
      JobType own = io.funit.common.jobs.JobDescriptors.byWireName(
          deployment.replace("funit-", "").replace("-worker", ""));
      assertThat(consumed).contains(own);
      assertThat(scaled.spec().maxReplicaCount()).as(deployment + ": not more replicas than partitions")
          .isLessThanOrEqualTo(topics.workPartitions(own)).isPositive();
      if (own != TranslateJob.TYPE) {
        assertThat(scaled.spec().minReplicaCount()).as(deployment + " scales to zero").isZero();
      }
    }
  }

  @Test
  void theGpuOverlayGivesEveryWorkerAGpuOnAGpuNodeAndTheCpuOverlayNone() throws Exception {
    RenderedOverlay gpu = new RenderedOverlay(Kustomize.render("gpu"));
    for (Deployment deployment : gpu.deployments.values()) {
      String name = deployment.getMetadata().getName();
      Container container = container(deployment);
      Quantity gpus = container.getResources().getLimits() == null ? null
          : container.getResources().getLimits().get("nvidia.com/gpu");
      if (name.equals("funit-gateway") || name.equals("funit-dataset-worker")) {
        assertThat(gpus).as(name + " needs no GPU").isNull();
        assertThat(container.getImage()).doesNotEndWith("-cuda");
        continue;
      }
      assertThat(gpus).as(name + " requests a GPU").isNotNull();
      assertThat(Quantity.getAmountInBytes(gpus).intValue()).isGreaterThanOrEqualTo(1);
      assertThat(deployment.getSpec().getTemplate().getSpec().getTolerations())
          .anySatisfy(t -> assertThat(t.getKey()).isEqualTo("nvidia.com/gpu"));
      assertThat(deployment.getSpec().getTemplate().getSpec().getNodeSelector()).isNotEmpty();
      assertThat(container.getImage()).endsWith("-cuda");
      assertThat(gpu.environment(deployment)).containsEntry("FUNIT_DEVICE", "gpu");
    }
    RenderedOverlay cpu = new RenderedOverlay(Kustomize.render("cpu"));
    for (Deployment deployment : cpu.deployments.values()) {
      Container container = container(deployment);
      assertThat(container.getResources().getLimits()).doesNotContainKey("nvidia.com/gpu");
      assertThat(container.getImage()).doesNotEndWith("-cuda");
    }
  }

  private static void assertProbe(String deployment, Probe probe, String path) {
    assertThat(probe).as(deployment + " probe of " + path).isNotNull();
    assertThat(probe.getHttpGet().getPath()).as(deployment).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort().getStrVal()).as(deployment).isEqualTo("http");
  }

  private static Container container(Deployment deployment) {
    return RenderedOverlay.container(deployment);
  }

  /** Handlers built as a worker builds them, against a store that is never called. */
  private static WorkerServices services() {
    Settings settings = Settings.of(Map.of("FUNIT_S3_ENDPOINT", "http://127.0.0.1:1"));
    return new WorkerServices(settings, new ObjectStore(S3Settings.from(settings)), new SimpleMeterRegistry());
  }
}
