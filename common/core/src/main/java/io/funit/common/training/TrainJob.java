package io.funit.common.training;

import com.google.auto.service.AutoService;
import io.funit.common.contract.InvalidRequestException;
import io.funit.common.contract.JobEvent;
import io.funit.common.contract.JobType;
import io.funit.common.dataset.StoredDatasets;
import io.funit.common.jobs.AdmissionContext;
import io.funit.common.jobs.JobConflictException;
import io.funit.common.jobs.JobDescriptor;
import io.funit.common.jobs.JobReference;
import io.funit.common.models.ModelPresets;
import java.util.List;

/** Training jobs: FUNIT on a built dataset, from scratch or continuing an ended training. */
@AutoService(JobDescriptor.class)
public final class TrainJob implements JobDescriptor<TrainRequest> {
  public static final JobType TYPE = JobType.named("train");

  @Override
  public JobType type() {
    return TYPE;
  }

  @Override
  public Class<TrainRequest> requestClass() {
    return TrainRequest.class;
  }

  @Override
  public int workPartitions() {
    return 8;
  }

  @Override
  public List<JobReference> references(TrainRequest request) {
    // the training continued first: its dataset is the one a continuation names
    return List.of(JobReference.job("continue_from", TYPE, request.continueFrom()),
        JobReference.dataset("dataset", request.dataset()));
  }

  /**
   * What the worker would refuse: a preset no model family has ({@link ModelPresets}), overrides it cannot apply,
   * a dataset not built, a continued training that has not ended or that trained on another dataset.
   */
  @Override
  public TrainRequest admit(TrainRequest request, AdmissionContext context) {
    ModelPresets family = ModelPresets.forPreset(request.preset()).orElseThrow(() -> new InvalidRequestException(
        "preset", "unknown preset '" + request.preset() + "'; known: " + ModelPresets.allNames()));
    family.check(request.preset(), request.overrides());
    if (request.continueFrom() != null) {
      JobEvent parent = context.job(request.continueFrom()).filter(job -> job.type() == TYPE).orElseThrow(() ->
          new InvalidRequestException("continue_from", "no train job " + request.continueFrom()));
      requireContinuable(parent);
      String parentDataset = parent.request().path("dataset").asText();
      if (!request.dataset().equals(parentDataset)) {
        throw new InvalidRequestException("dataset", "a continued training keeps its dataset, " + parentDataset);
      }
      // its checkpoints are restored by the family of the request's preset
      String parentPreset = parent.request().path("preset").asText();
      if (!ModelPresets.forPreset(parentPreset).map(ModelPresets::family).orElse("").equals(family.family())) {
        throw new InvalidRequestException("preset", "a continued training keeps its model family: preset '"
            + parentPreset + "' is not of family " + family.family());
      }
    }
    if (new StoredDatasets(context.store()).manifest(request.dataset()).isEmpty()) {
      throw new InvalidRequestException("dataset", "no built dataset '" + request.dataset() + "'");
    }
    return request;
  }

  /**
   * Only an ended training has a last checkpoint that no worker writes any more: succeeded, canceled, or failed (a
   * failure keeps its last good checkpoint, e.g. before a non-finite loss; a failure before the first checkpoint
   * fails the continuation with "has no checkpoint").
   */
  public static void requireContinuable(JobEvent training) {
    if (!training.state().terminal()) {
      throw new JobConflictException("training " + training.jobId() + " is " + training.state().wireName()
          + "; only ended trainings (succeeded, canceled or failed) can be continued");
    }
  }
}
