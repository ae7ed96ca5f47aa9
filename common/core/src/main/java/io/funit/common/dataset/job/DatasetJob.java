package io.funit.common.dataset.job;

import com.google.auto.service.AutoService;
import io.funit.common.contract.JobType;
import io.funit.common.jobs.JobDescriptor;
import io.funit.common.jobs.JobReference;
import java.util.List;

/** Dataset jobs: build a font dataset, or import an upload or an S3 prefix. Run by train workers. */
@AutoService(JobDescriptor.class)
public final class DatasetJob implements JobDescriptor<DatasetRequest> {
  public static final JobType TYPE = JobType.named("dataset");

  @Override
  public JobType type() {
    return TYPE;
  }

  @Override
  public Class<DatasetRequest> requestClass() {
    return DatasetRequest.class;
  }

  @Override
  public int workPartitions() {
    return 4;
  }

  /** An upload's archive, stored under the job's inputs; an S3 import's prefix, read with the service's keys. */
  @Override
  public List<JobReference> references(DatasetRequest request) {
    return List.of(JobReference.object("input_key", request.inputKey()),
        JobReference.importPrefix("prefix", request.prefix()));
  }
}
