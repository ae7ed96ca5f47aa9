package io.funit.common.eval;

import io.funit.common.contract.EvalRequest;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.dataset.sampler.KShotSampler;
import io.funit.common.eval.report.EvaluationReport;
import io.funit.common.models.ModelCard;
import io.funit.common.models.ServingGenerator;
import java.util.Map;

/**
 * The evaluation engine's entry point, shared by the eval-worker and {@code ./funit eval}: the paper's protocol on a
 * dataset's held-out classes, at each K, for the model and the three baselines, judged by classifiers trained on
 * the dataset (see docs/evaluation.md).
 */
public final class Evaluation {
  private Evaluation() {}

  /**
   * Everything one evaluation reads.
   *
   * @param evaluationId the id the report carries (the job id)
   * @param request what to evaluate (K values, contents per class, metrics)
   * @param card the model's card
   * @param generator the model's EMA generator
   * @param dataset the dataset whose test split holds the held-out classes
   * @param images the dataset's images, preprocessed to the model's size
   */
  public record Inputs(String evaluationId, EvalRequest request, ModelCard card, ServingGenerator generator,
      DatasetManifest dataset, KShotSampler images) {}

  /**
   * @param report the report
   * @param files report-relative file name → bytes (the sample grids named in {@code report.samples()})
   */
  public record Output(EvaluationReport report, Map<String, byte[]> files) {}

  /** Reports what the evaluation is doing ({@code done} of {@code total} steps), and lets a job stop it. */
  public interface Progress {
    void step(long done, long total, String message);
  }
}
