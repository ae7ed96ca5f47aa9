package io.funit.deploy.model;

import io.funit.common.funit.config.FunitConfig;
import io.funit.common.funit.config.Presets;
import io.funit.common.funit.interop.ReferenceCheck;
import io.funit.common.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./funit model check-reference FILE --preset P}: runs the preset's networks with the weights and inputs in a
 * safetensors file (official key names) and prints the max absolute differences to the outputs stored there.
 */
@Command(name = "check-reference", mixinStandardHelpOptions = true,
    description = "Compare our outputs with reference outputs stored in a safetensors file.")
public final class CheckReferenceCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "safetensors file with weights, input.* and output.* tensors")
  Path file;

  @Option(names = "--preset", required = true, description = "Architecture of the weights: animal-128, font-64, "
      + "or 'file' to read it from the file's __metadata__.config (as tools/reference writes it)")
  String preset;

  @Option(names = "--clean-preactivation", description = "Use the clean pre-activation D instead of the official "
      + "in-place semantics")
  boolean clean;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(file)) {
      System.err.println("check-reference: no file " + file);
      return 2;
    }
    ReferenceCheck.Architecture architecture;
    if (preset.equals("file")) {
      architecture = ReferenceCheck.architectureFromMetadata(file);
    } else {
      FunitConfig config = Presets.get(preset);
      architecture = new ReferenceCheck.Architecture(config.gen(), config.dis());
    }
    var dis = new io.funit.common.funit.config.DiscriminatorConfig(architecture.dis().nf(),
        architecture.dis().nResBlks(), architecture.dis().numClasses(), !clean);
    ReferenceCheck.Result result = ReferenceCheck.run(file, architecture.gen(), dis);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("file", result.file());
    out.put("preset", preset);
    out.put("batch", result.batch());
    out.put("k", result.k());
    out.put("max_abs_diff_translation", result.translation());
    out.put("max_abs_diff_dis", result.dis());
    out.put("max_abs_diff_dis_feat", result.disFeat());
    System.out.println(Json.write(out));
    return 0;
  }
}
