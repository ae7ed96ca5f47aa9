package io.funit.gateway.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import io.funit.common.config.KafkaSettings;
import io.funit.common.config.Settings;
import io.funit.common.contract.JobEnvelope;
import io.funit.common.contract.JobEvent;
import io.funit.common.contract.JobType;
import io.funit.common.dataset.job.DatasetJob;
import io.funit.common.json.Json;
import io.funit.common.kafka.JobStateProjection;
import io.funit.common.kafka.KafkaClients;
import io.funit.common.training.TrainJob;
import io.funit.common.worker.probe.ProbeJob;
import io.funit.gateway.auth.Principal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Who sees what, over a projection fed directly (no Kafka, no object store: only job-owned things are asked). */
class OwnershipTest {
  private static final Principal A = new Principal("key-a", "a", false);
  private static final Principal B = new Principal("key-b", "b", false);
  private static final Principal ADMIN = new Principal("key-o", "ops", true);
  private final JobStateProjection jobs = new JobStateProjection(
      new KafkaClients(KafkaSettings.from(Settings.of(Map.of("FUNIT_KAFKA_BOOTSTRAP", "127.0.0.1:1")))), "test");
  private final Ownership owners = new Ownership(jobs, (io.funit.common.translate.StyleStore) null, null);

  @AfterEach
  void close() {
    jobs.close();
  }

  private void job(String id, JobType type, String tenant) {
    jobs.applyRead(JobEvent.queued(new JobEnvelope(1, id, type, Instant.now(), Json.MAPPER.createObjectNode(), null,
        tenant)), jobs.size() + 1);
  }

  @Test
  void aJobAndEverythingFiledUnderItBelongToItsTenant() {
    job("d1", DatasetJob.TYPE, "a");
    for (String key : new String[] {"inputs/d1/x.png", "outputs/d1/0.png", "datasets/d1/manifest.json",
        "reports/d1/report.html", "checkpoints/d1/c.bin"}) {
      assertThat(owners.objectVisible(A, key)).as(key).isTrue();
      assertThat(owners.objectVisible(B, key)).as(key).isFalse();
      assertThat(owners.objectVisible(ADMIN, key)).as(key).isTrue();
    }
    assertThat(owners.datasetVisible(A, "d1")).isTrue();
    assertThat(owners.datasetVisible(B, "d1")).isFalse();
  }

  @Test
  void jobsFromBeforeTenantsAndUnknownIdsBelongToTheDefaultTenant() {
    jobs.applyRead(JobEvent.queued(new JobEnvelope(1, "old", ProbeJob.TYPE, Instant.now(),
        Json.MAPPER.createObjectNode())), 1);
    assertThat(jobs.get("old")).get().extracting(JobEvent::owner).isEqualTo(JobEvent.DEFAULT_TENANT);
    Principal defaultUser = new Principal("key-d", JobEvent.DEFAULT_TENANT, false);
    assertThat(owners.objectVisible(defaultUser, "inputs/old/x.png")).isTrue();
    assertThat(owners.objectVisible(defaultUser, "inputs/never-a-job/x.png")).isTrue();
    assertThat(owners.objectVisible(A, "inputs/never-a-job/x.png")).isFalse();
    assertThat(owners.datasetVisible(A, "fonts-by-hand")).isFalse();
  }

  @Test
  void keysOutsideTheOwnedAreasAreNobodysButTheAdmins() {
    assertThat(owners.objectVisible(A, "idempotency/abc/def.json")).isFalse();
    assertThat(owners.objectVisible(A, "inputs/")).isFalse();
    assertThat(owners.objectVisible(A, null)).isFalse();
    assertThat(owners.objectVisible(ADMIN, "idempotency/abc/def.json")).isTrue();
  }

  @Test
  void aModelIsItsTrainingsTenantsAndAModelNoKnownTrainingMadeIsPublic() {
    job("t1", TrainJob.TYPE, "a");
    assertThat(owners.modelVisible(A, "t1")).isTrue();
    assertThat(owners.modelVisible(ADMIN, "t1")).isTrue();
    assertThat(owners.modelVisible(B, "shipped-font-model")).isTrue();
    assertThat(owners.objectVisible(B, "models/shipped-font-model/card.json")).isTrue();
  }

  @Test
  void aTenantImportsOnlyFromItsOwnPrefix() {
    Ownership.requireImportPrefix(A, "tenants/a/animals/");
    Ownership.requireImportPrefix(ADMIN, "incoming/animals/");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Ownership.requireImportPrefix(A, "tenants/ab/x/"))
        .hasMessageContaining("tenants/a/");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Ownership.requireImportPrefix(B, "incoming/animals/"))
        .isInstanceOf(io.funit.gateway.problem.ProblemException.class);
  }
}
