package io.funit.common.jobs;

import io.funit.common.contract.JobEvent;
import io.funit.common.models.ModelCards;
import io.funit.common.storage.ObjectStore;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What a descriptor's {@link JobDescriptor#admit} may read: the object store, the model cards (cached for the
 * gateway's life: a card never changes once registered), the latest state of a job by id (the gateway's
 * job-state projection), and the keys of the objects the request's work record carries instead of the store
 * ({@link io.funit.common.contract.JobEnvelope#attachments()}).
 */
public record AdmissionContext(ObjectStore store, ModelCards models, Function<String, Optional<JobEvent>> jobs,
    Set<String> attached) {
  public AdmissionContext {
    attached = Set.copyOf(attached);
  }

  public AdmissionContext(ObjectStore store, ModelCards models, Function<String, Optional<JobEvent>> jobs) {
    this(store, models, jobs, Set.of());
  }

  public Optional<JobEvent> job(String id) {
    return jobs.apply(id);
  }

  /** This context for a request whose work record carries the objects at {@code keys}. */
  public AdmissionContext attaching(Set<String> keys) {
    return new AdmissionContext(store, models, jobs, keys);
  }

  /** Whether a job could read the object at {@code key}: it travels with the request, or it is stored. */
  public boolean readable(String key) {
    return attached.contains(key) || store.stat(key).isPresent();
  }
}
