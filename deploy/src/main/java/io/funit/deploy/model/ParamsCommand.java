package io.funit.deploy.model;

import ai.djl.nn.Block;
import ai.djl.util.Pair;
import io.funit.common.funit.config.FunitConfig;
import io.funit.common.funit.config.Presets;
import io.funit.common.funit.model.FewShotGenerator;
import io.funit.common.funit.model.MultiTaskPatchDiscriminator;
import io.funit.common.funit.weights.StateDictKeys;
import io.funit.common.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./funit model params --preset P}: the preset's configuration and parameter counts per module. */
@Command(name = "params", mixinStandardHelpOptions = true, description = "Configuration and parameter counts.")
public final class ParamsCommand implements Callable<Integer> {
  @Option(names = "--preset", required = true, description = "One of: animal-128, font-64")
  String preset;

  @Option(names = "--classes", description = "Discriminator heads (default: the preset's)")
  Integer classes;

  @Override
  public Integer call() {
    FunitConfig config = Presets.get(preset);
    if (classes != null) {
      config = config.withNumClasses(classes);
    }
    // counting needs only the blocks' declared parameter shapes: nothing is allocated
    FewShotGenerator gen = new FewShotGenerator(config.gen());
    MultiTaskPatchDiscriminator dis = new MultiTaskPatchDiscriminator(config.dis());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("preset", preset);
    out.put("config", config);
    out.put("generator", modules(gen));
    out.put("discriminator", modules(dis));
    long genTotal = StateDictKeys.count(gen);
    long disTotal = StateDictKeys.count(dis);
    out.put("generator_total", genTotal);
    out.put("discriminator_total", disTotal);
    out.put("ema_generator_total", genTotal);
    out.put("total", 2 * genTotal + disTotal);
    System.out.println(Json.write(out));
    return 0;
  }

  private static Map<String, Long> modules(Block block) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Pair<String, Block> child : block.getChildren()) {
      counts.put(child.getKey().substring(2), StateDictKeys.count(child.getValue()));
    }
    return counts;
  }
}
