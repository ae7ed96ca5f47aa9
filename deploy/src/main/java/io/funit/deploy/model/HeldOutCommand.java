package io.funit.deploy.model;

import io.funit.common.config.S3Settings;
import io.funit.common.config.Settings;
import io.funit.common.eval.HeldOutGlyphL1;
import io.funit.common.json.Json;
import io.funit.common.models.ModelRegistry;
import io.funit.common.storage.ObjectStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./funit model held-out-l1}: evaluates a registered font model on its dataset's held-out fonts against
 * the true glyphs, with the copy-content and class-mean baselines. Reads the object store named by the FUNIT_S3_*
 * settings (by default the embedded stack's).
 */
@Command(name = "held-out-l1", mixinStandardHelpOptions = true,
    description = "Held-out glyph L1 of a registered font model (JSON).")
public final class HeldOutCommand implements Callable<Integer> {
  @Option(names = "--model", description = "Model id. Default: the default model")
  String model;

  @Option(names = "--fonts", defaultValue = "" + HeldOutGlyphL1.FONTS, description = "Held-out fonts. Default: ${DEFAULT-VALUE}")
  int fonts;

  @Option(names = "--k", defaultValue = "" + HeldOutGlyphL1.K, description = "Class images per translation. Default: ${DEFAULT-VALUE}")
  int k;

  @Option(names = "--cache", description = "Shard cache. Default: $FUNIT_CACHE_DIR/datasets")
  Path cache;

  @Option(names = "--grid", description = "Also write a PNG: per held-out font its K glyphs, contents, translations, truths")
  Path grid;

  @Override
  public Integer call() throws Exception {
    Settings settings = Settings.fromEnvironment();
    ObjectStore store = new ObjectStore(S3Settings.from(settings));
    String id = model != null ? model : new ModelRegistry(store).defaultModel()
        .orElseThrow(() -> new IllegalArgumentException("no default model; name one with --model"));
    Path shards = cache != null ? cache : settings.cacheDir().resolve("datasets");
    System.out.println(Json.write(java.util.Map.of("model", id,
        "held_out_l1", HeldOutEvaluation.run(store, id, shards, fonts, k, grid))));
    return 0;
  }
}
