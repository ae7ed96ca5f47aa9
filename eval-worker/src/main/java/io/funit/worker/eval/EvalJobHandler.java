package io.funit.worker.eval;

import com.google.auto.service.AutoService;
import io.funit.common.config.Settings;
import io.funit.common.eval.EvalJob;
import io.funit.common.eval.EvalRequest;
import io.funit.common.eval.Evaluation;
import io.funit.common.eval.EvaluationLoader;
import io.funit.common.eval.EvaluationOutputs;
import io.funit.common.eval.EvaluationResult;
import io.funit.common.eval.EvaluationSettings;
import io.funit.common.eval.judges.JudgeProvider;
import io.funit.common.eval.report.EvaluationReport;
import io.funit.common.jobs.JobDescriptor;
import io.funit.common.storage.ObjectStore;
import io.funit.common.storage.StorageKeys;
import io.funit.common.worker.JobContext;
import io.funit.common.worker.JobHandler;
import io.funit.common.worker.JobHandlerFactory;
import java.util.List;
import java.util.Optional;

/**
 * Runs eval jobs: loads the model and the dataset's images ({@link EvaluationLoader}, which refuses unknown ids and
 * datasets without held-out classes as invalid jobs), runs the evaluation engine with judges cached per dataset,
 * and stores the report under {@code reports/{jobId}/}, the HTML page last. A redelivered job whose page exists
 * returns the stored report instead of evaluating again; one that died earlier evaluates again and overwrites the
 * same keys.
 */
public final class EvalJobHandler implements JobHandler<EvalRequest> {
  private static final EvalJob DESCRIPTOR = new EvalJob();
  private final ObjectStore store;
  private final EvaluationLoader loader;
  private final JudgeProvider judges;

  public EvalJobHandler(ObjectStore store, EvaluationLoader loader, JudgeProvider judges) {
    this.store = store;
    this.loader = loader;
    this.judges = judges;
  }

  /** Shard cache FUNIT_CACHE_DIR/datasets, scratch space FUNIT_WORK_DIR, judges in the store (EvaluationSettings). */
  public static EvalJobHandler fromSettings(ObjectStore store, Settings settings) {
    EvaluationSettings evaluation = EvaluationSettings.from(settings);
    return new EvalJobHandler(store, evaluation.loader(store), evaluation.judges(store));
  }

  @Override
  public JobDescriptor<EvalRequest> descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Object handle(EvalRequest request, JobContext context) throws Exception {
    String id = context.jobId();
    Optional<EvaluationReport> stored = EvaluationOutputs.stored(store, id);
    if (stored.isPresent()) {
      return result(stored.get(), stored.get().samples().stream().sorted().toList()); // what run() wrote
    }
    try (EvaluationLoader.Loaded loaded = loader.load(id, request)) {
      Evaluation.Output output = Evaluation.run(loaded.inputs(), judges, (done, total, message) -> {
        context.progress(done, total, message);
        context.checkStop();
      });
      EvaluationOutputs.store(store, id, output);
      return result(output.report(), output.files().keySet().stream().sorted().toList());
    }
  }

  private static EvaluationResult result(EvaluationReport report, List<String> files) {
    return EvaluationResult.of(report, StorageKeys.report(report.evaluation(), io.funit.common.eval.ReportFiles.REPORT_JSON),
        StorageKeys.report(report.evaluation(), io.funit.common.eval.ReportFiles.REPORT_HTML), files);
  }

  /** Registers this handler with its worker. */
  @AutoService(JobHandlerFactory.class)
  public static final class Factory extends JobHandlerFactory {
    public Factory() {
      super(EvalWorkerMain.NAME, services -> fromSettings(services.store(), services.settings()));
    }
  }
}
