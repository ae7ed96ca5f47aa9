package io.funit.common.eval;

import io.funit.common.config.Settings;
import io.funit.common.eval.judges.JudgeBudget;
import io.funit.common.eval.judges.JudgeProvider;
import io.funit.common.eval.judges.StoredJudges;
import io.funit.common.storage.ObjectStore;
import java.nio.file.Path;

/**
 * How evaluations run in this process, read once from the configuration by the eval worker and by
 * {@code ./funit eval}, so that both load models and datasets and train judges the same way.
 *
 * @param shardCache FUNIT_CACHE_DIR/datasets: dataset shards, shared with training
 * @param workDir FUNIT_WORK_DIR: a generator's file while it loads, judges' weights on their way to the store
 * @param judgeSeconds FUNIT_EVAL_JUDGE_SECONDS: wall time for training a dataset's judges, once per dataset
 */
public record EvaluationSettings(Path shardCache, Path workDir, double judgeSeconds) {
  public static EvaluationSettings from(Settings settings) {
    return new EvaluationSettings(settings.cacheDir().resolve("datasets"), settings.workDir(),
        settings.integer("FUNIT_EVAL_JUDGE_SECONDS", (int) JudgeBudget.DEFAULT.maxSeconds(), 1, 7 * 24 * 3600));
  }

  /** The same with another shard cache ({@code ./funit eval --cache}). */
  public EvaluationSettings withShardCache(Path cache) {
    return new EvaluationSettings(cache, workDir, judgeSeconds);
  }

  public EvaluationLoader loader(ObjectStore store) {
    return new EvaluationLoader(store, shardCache, workDir);
  }

  /** Judges kept in the store under {@code judges/{datasetId}/}: trained by the first evaluation of a dataset. */
  public JudgeProvider judges(ObjectStore store) {
    return new StoredJudges(store, workDir.resolve("judges"), JudgeBudget.DEFAULT.withMaxSeconds(judgeSeconds));
  }
}
