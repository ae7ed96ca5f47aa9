package io.funit.common.eval;

import com.google.auto.service.AutoService;
import io.funit.common.contract.JobType;
import io.funit.common.jobs.AdmissionContext;
import io.funit.common.jobs.JobDescriptor;
import io.funit.common.jobs.JobReference;
import java.util.List;

/** Evaluation jobs: a model against a dataset's held-out classes, with the paper's metrics and baselines. */
@AutoService(JobDescriptor.class)
public final class EvalJob implements JobDescriptor<EvalRequest> {
  public static final JobType TYPE = JobType.named("eval");

  @Override
  public JobType type() {
    return TYPE;
  }

  @Override
  public Class<EvalRequest> requestClass() {
    return EvalRequest.class;
  }

  @Override
  public int workPartitions() {
    return 8;
  }

  @Override
  public List<JobReference> references(EvalRequest request) {
    List<JobReference> references = new java.util.ArrayList<>(List.of(JobReference.model("model", request.model()),
        JobReference.dataset("dataset", request.dataset())));
    for (int i = 0; i < request.baselines().size(); i++) {
      references.add(JobReference.model("baselines[" + i + "].model", request.baselines().get(i).model()));
    }
    return references;
  }

  /** The models have cards, the dataset held-out classes, K fits them, every metric is known. */
  @Override
  public EvalRequest admit(EvalRequest request, AdmissionContext context) {
    EvaluationTargets.resolve(context.store(), request);
    return request;
  }
}
