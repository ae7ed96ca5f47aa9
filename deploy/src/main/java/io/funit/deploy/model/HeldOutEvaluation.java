package io.funit.deploy.model;

import io.funit.common.dataset.DatasetManifest;
import io.funit.common.dataset.StoredDatasets;
import io.funit.common.dataset.sampler.ClassImageCache;
import io.funit.common.dataset.sampler.KShotSampler;
import io.funit.common.dataset.sampler.Preprocessing;
import io.funit.common.dataset.sampler.ShardSource;
import io.funit.common.eval.HeldOutGlyphL1;
import io.funit.common.funit.model.FunitNetworks;
import io.funit.common.json.Json;
import io.funit.common.models.FunitTranslator;
import io.funit.common.models.GeneratorWeights;
import io.funit.common.models.ModelCard;
import io.funit.common.models.ModelRegistry;
import io.funit.common.storage.ObjectStore;
import io.funit.deploy.dataset.DatasetRebuild;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The held-out glyph L1 of a registered model on its own dataset's test fonts (K = 5 by default), stored beside the
 * model as {@code models/{id}/held-out-l1.json}.
 */
public final class HeldOutEvaluation {
  public static final String RESULT = ModelRegistry.HELD_OUT;

  private HeldOutEvaluation() {}

  public static HeldOutGlyphL1.Result run(ObjectStore store, String modelId, Path shardCache, int fonts, int k)
      throws Exception {
    return run(store, modelId, shardCache, fonts, k, null);
  }

  /** Also writes a grid of translations of held-out fonts to {@code grid} when it is not null. */
  public static HeldOutGlyphL1.Result run(ObjectStore store, String modelId, Path shardCache, int fonts, int k,
      Path grid) throws Exception {
    ModelCard card = new ModelRegistry(store).card(modelId)
        .orElseThrow(() -> new IllegalArgumentException("no registered model " + modelId));
    StoredDatasets datasets = new StoredDatasets(store);
    DatasetManifest manifest = DatasetRebuild.ensure(store, card); // a fresh stack: built again from the recipe
    Path file = Files.createTempFile("funit-eval-", ".safetensors");
    try {
      store.download(ModelRegistry.generatorKey(modelId), file);
      try (FunitNetworks nets = GeneratorWeights.load(file)) {
        int size = nets.config().imageSize();
        KShotSampler images = new KShotSampler(new ClassImageCache(
            ShardSource.cached(datasets, card.dataset(), shardCache), 256L << 20), new Preprocessing(size, size));
        HeldOutGlyphL1.Result result = HeldOutGlyphL1.evaluate(new FunitTranslator(nets.genTest(), size), manifest,
            images, size, fonts, manifest.contents().size(), k, HeldOutGlyphL1.SEED);
        store.putBytes(ModelRegistry.heldOutKey(modelId), Json.writeBytes(result),
            "application/json");
        if (grid != null) {
          Files.write(grid, HeldOutGrid.render(nets.genTest(), manifest, images, size, 16,
              "AaBbGgQRefkxy27", k, 7));
        }
        return result;
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
