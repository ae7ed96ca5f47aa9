package io.funit.common.jobs;

import io.funit.common.contract.JobEvent;
import io.funit.common.models.ModelCards;
import io.funit.common.storage.ObjectStore;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a descriptor's {@link JobDescriptor#admit} may read: the object store, the model cards (cached for the
 * gateway's life: a card never changes once registered), and the latest state of a job by id (the gateway's
 * job-state projection).
 */
public record AdmissionContext(ObjectStore store, ModelCards models, Function<String, Optional<JobEvent>> jobs) {
  public Optional<JobEvent> job(String id) {
    return jobs.apply(id);
  }
}
