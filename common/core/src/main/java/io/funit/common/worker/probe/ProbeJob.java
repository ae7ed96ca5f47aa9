package io.funit.common.worker.probe;

import com.google.auto.service.AutoService;
import io.funit.common.contract.JobType;
import io.funit.common.jobs.JobDescriptor;
import io.funit.common.jobs.JobReference;
import java.util.List;

/** Probe jobs: the model-free diagnostic every worker runs. */
@AutoService(JobDescriptor.class)
public final class ProbeJob implements JobDescriptor<ProbeRequest> {
  public static final JobType TYPE = JobType.named("probe");

  @Override
  public JobType type() {
    return TYPE;
  }

  @Override
  public Class<ProbeRequest> requestClass() {
    return ProbeRequest.class;
  }

  @Override
  public int workPartitions() {
    return 4;
  }

  @Override
  public List<JobReference> references(ProbeRequest request) {
    return List.of(JobReference.object("input_key", request.inputKey()));
  }
}
