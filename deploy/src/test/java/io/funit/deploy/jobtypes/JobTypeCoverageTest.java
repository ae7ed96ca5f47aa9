package io.funit.deploy.jobtypes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.config.S3Settings;
import io.funit.common.config.Settings;
import io.funit.common.contract.JobType;
import io.funit.common.jobs.JobDescriptor;
import io.funit.common.jobs.JobDescriptors;
import io.funit.common.json.Json;
import io.funit.common.storage.ObjectStore;
import io.funit.common.worker.JobHandler;
import io.funit.common.worker.WorkerServices;
import io.funit.gateway.jobs.JobApi;
import io.funit.gateway.openapi.OpenApiRoutes;
import io.funit.worker.eval.EvalWorkerMain;
import io.funit.worker.train.TrainWorkerMain;
import io.funit.worker.translate.TranslateWorkerMain;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every job type is whole: a descriptor ({@link JobDescriptors}), a handler in some worker, an entry in the OpenAPI
 * document; and nothing names a type without a descriptor. The tenant-isolation case of each type is held by
 * {@code TenantIsolationIT}, which fails when a type's generic route was not walked as another tenant. Adding a type
 * is adding its own files (docs/architecture.md, "Adding a job type"): this test says which one is missing.
 */
class JobTypeCoverageTest {
  /** The worker deployables, by name, with the handlers each runs. */
  private static final Map<String, Function<WorkerServices, List<JobHandler<?>>>> WORKERS = Map.of(
      TranslateWorkerMain.NAME, TranslateWorkerMain::handlers, TrainWorkerMain.NAME, TrainWorkerMain::handlers,
      EvalWorkerMain.NAME, EvalWorkerMain::handlers);

  @Test
  void everyTypeHasADescriptorAndEveryDescriptorAHandlerInSomeWorker() {
    List<JobType> types = JobDescriptors.types();
    assertThat(types).extracting(JobType::wireName).contains("translate", "train", "eval", "dataset", "probe");
    WorkerServices services = new WorkerServices(Settings.of(Map.of()), new ObjectStore(S3Settings.from(
        Settings.of(Map.of("FUNIT_S3_ENDPOINT", "http://127.0.0.1:1")))), new SimpleMeterRegistry());
    Set<JobType> handled = new TreeSet<>();
    for (Map.Entry<String, Function<WorkerServices, List<JobHandler<?>>>> worker : WORKERS.entrySet()) {
      for (JobHandler<?> handler : worker.getValue().apply(services)) {
        assertThat(JobDescriptors.find(handler.type())).as(worker.getKey() + " runs " + handler.type()
            + ", which has no descriptor").isPresent();
        assertThat(handler.requestClass()).isEqualTo(JobDescriptors.of(handler.type()).requestClass());
        handled.add(handler.type());
      }
    }
    assertThat(handled).as("job types some worker runs").containsExactlyInAnyOrderElementsOf(types);
  }

  @Test
  void everyTypeOfTheGatewaysRoutesHasADescriptor() {
    List<JobType> routed = ServiceLoader.load(JobApi.class).stream().map(p -> p.get().type()).toList();
    assertThat(routed).isNotEmpty().doesNotHaveDuplicates();
    assertThat(JobDescriptors.types()).containsAll(routed);
  }

  @Test
  void everyTypeAndItsRequestAreInTheOpenApiDocument() throws Exception {
    JsonNode document = Json.MAPPER.readTree(OpenApiRoutes.load());
    List<String> documentedTypes = new ArrayList<>();
    document.at("/components/schemas/JobType/enum").forEach(name -> documentedTypes.add(name.asText()));
    assertThat(documentedTypes).containsExactlyInAnyOrderElementsOf(
        JobDescriptors.types().stream().map(JobType::wireName).toList());
    List<String> requestSchemas = new ArrayList<>();
    document.at("/paths/~1v1~1jobs~1{type}/post/requestBody/content/application~1json/schema/anyOf")
        .forEach(ref -> requestSchemas.add(ref.path("$ref").asText()));
    for (JobDescriptor<?> type : JobDescriptors.all()) {
      String schema = type.requestClass().getSimpleName();
      assertThat(requestSchemas).as("POST /v1/jobs/{type} takes a " + type.type() + " request")
          .contains("#/components/schemas/" + schema);
      assertThat(document.at("/components/schemas/" + schema).isObject()).as(schema + " is described").isTrue();
    }
  }

  @Test
  void everyTypeHasItsOwnTopicAndPartitions() {
    for (JobDescriptor<?> type : JobDescriptors.all()) {
      assertThat(type.workPartitions()).as(type.type() + " partitions").isBetween(1, 1024);
    }
  }
}
