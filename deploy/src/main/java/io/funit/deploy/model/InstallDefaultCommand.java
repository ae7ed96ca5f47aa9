package io.funit.deploy.model;

import io.funit.common.config.S3Settings;
import io.funit.common.config.Settings;
import io.funit.common.json.Json;
import io.funit.common.models.ModelRegistry;
import io.funit.common.storage.ObjectStore;
import io.funit.deploy.dataset.DatasetRebuild;
import io.funit.deploy.up.Installation;
import io.funit.deploy.up.ShippedModel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./funit model install-default}: registers the shipped model ({@code models/default}) in the object store
 * named by the FUNIT_S3_* settings and makes it the default, unless the store has a default model already: what
 * {@code ./funit up} does on first start, for a compose or Kubernetes deployment's bucket.
 */
@Command(name = "install-default", mixinStandardHelpOptions = true,
    description = "Register the shipped model as the default model of the configured store (JSON).")
public final class InstallDefaultCommand implements Callable<Integer> {
  @Option(names = "--dir", description = "The model's directory (card.json, generator.safetensors). Default: "
      + "models/default of this checkout")
  Path dir;

  @Option(names = "--with-dataset", description = "Also build the model's training dataset where the store lacks "
      + "it, from its card's recipe (about a minute; fetches the font packages from Debian)")
  boolean rebuild;

  @Override
  public Integer call() throws Exception {
    ObjectStore store = new ObjectStore(S3Settings.from(Settings.fromEnvironment()));
    store.ensureBucket();
    Path from = dir != null ? dir : Installation.locate().home().resolve("models").resolve("default");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("bucket", store.bucket());
    String model = ShippedModel.installIfNoDefault(store, from);
    out.put("default_model", model);
    if (model != null && rebuild) {
      out.put("dataset", DatasetRebuild.ensure(store, new ModelRegistry(store).card(model).orElseThrow()).id());
    }
    System.out.println(Json.write(out));
    return 0;
  }
}
