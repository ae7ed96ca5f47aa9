package io.funit.common.eval;

import io.funit.common.dataset.StoredDatasets;
import io.funit.common.dataset.sampler.ClassImageCache;
import io.funit.common.dataset.sampler.KShotSampler;
import io.funit.common.dataset.sampler.Preprocessing;
import io.funit.common.dataset.sampler.ShardSource;
import io.funit.common.models.ModelCard;
import io.funit.common.models.ModelFamilies;
import io.funit.common.models.ModelRegistry;
import io.funit.common.models.ServingModel;
import io.funit.common.storage.ObjectStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads what one evaluation reads, the same way for the eval worker and {@code ./funit eval}: the request checked
 * against the store ({@link EvaluationTargets}), the model's generator and the baseline models for inference, and
 * the dataset's images through the local shard cache, resized to the model's side without augmentation (as the
 * held-out L1 does).
 */
public final class EvaluationLoader {
  /** Encoded images kept in memory: an evaluation revisits the same held-out classes at every K. */
  static final long IMAGE_CACHE_BYTES = 256L << 20;

  private final ObjectStore store;
  private final Path shardCache;
  private final Path workDir;

  /**
   * @param shardCache where dataset shards are cached (FUNIT_CACHE_DIR/datasets, shared with training)
   * @param workDir scratch space for the generator's file while it loads (FUNIT_WORK_DIR)
   */
  public EvaluationLoader(ObjectStore store, Path shardCache, Path workDir) {
    this.store = store;
    this.shardCache = shardCache;
    this.workDir = workDir;
  }

  /** The inputs and the models they hold; closing it frees the models' native memory. */
  public record Loaded(Evaluation.Inputs inputs) implements AutoCloseable {
    @Override
    public void close() {
      inputs.baselines().forEach(b -> b.model().close());
      inputs.generator().close();
    }
  }

  /**
   * @throws io.funit.common.contract.InvalidRequestException when the request names what the store does not hold
   */
  public Loaded load(String evaluationId, EvalRequest request) throws IOException {
    EvaluationTargets.Target target = EvaluationTargets.resolve(store, request);
    ServingModel generator = ModelFamilies.loadRegistered(store, target.card(), workDir);
    List<Evaluation.Baseline> baselines = new ArrayList<>();
    try {
      for (int i = 0; i < target.baselines().size(); i++) {
        ModelCard card = target.baselines().get(i);
        baselines.add(new Evaluation.Baseline(request.baselines().get(i), card,
            ModelFamilies.loadRegistered(store, card, workDir)));
      }
    } catch (IOException | RuntimeException e) {
      baselines.forEach(b -> b.model().close());
      generator.close();
      throw e;
    }
    int size = generator.translator().imageSize();
    KShotSampler images = new KShotSampler(new ClassImageCache(
        ShardSource.cached(new StoredDatasets(store), target.dataset().id(), shardCache), IMAGE_CACHE_BYTES),
        new Preprocessing(size, size));
    return new Loaded(new Evaluation.Inputs(evaluationId, request, target.card(), generator, target.dataset(),
        images, baselines));
  }

}
