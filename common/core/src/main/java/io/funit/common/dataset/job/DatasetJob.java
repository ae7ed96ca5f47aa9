package io.funit.common.dataset.job;

import com.google.auto.service.AutoService;
import io.funit.common.contract.JobType;
import io.funit.common.contract.InvalidRequestException;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.dataset.StoredDatasets;
import io.funit.common.dataset.UnfairSets;
import io.funit.common.jobs.AdmissionContext;
import io.funit.common.jobs.JobDescriptor;
import io.funit.common.jobs.JobReference;
import java.util.List;

/**
 * Dataset jobs: build a font dataset, import an upload or an S3 prefix, or add a dataset's K-sets to its training
 * classes (StarGAN-Unfair-K). Run by train workers.
 */
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

  /**
   * An upload's archive, stored under the job's inputs; an S3 import's prefix, read with the service's keys; an
   * unfair dataset's base.
   */
  @Override
  public List<JobReference> references(DatasetRequest request) {
    return List.of(JobReference.object("input_key", request.inputKey()),
        JobReference.importPrefix("prefix", request.prefix()), JobReference.dataset("base", request.base()));
  }

  /** An unfair dataset's base is built and has held-out classes that can give its K-sets. */
  @Override
  public DatasetRequest admit(DatasetRequest request, AdmissionContext context) {
    if (DatasetRequest.KIND_UNFAIR.equals(request.kind())) {
      DatasetManifest base = new StoredDatasets(context.store()).manifest(request.base()).orElseThrow(() ->
          new InvalidRequestException("base", "no built dataset '" + request.base() + "'"));
      UnfairSets.check(base, request.k());
    }
    return request;
  }
}
