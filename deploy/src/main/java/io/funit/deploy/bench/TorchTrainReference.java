package io.funit.deploy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.funit.config.FunitConfig;
import io.funit.common.funit.interop.ReferenceCheck;
import io.funit.common.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The PyTorch eager reference of the training iteration (tools/reference/funit_torch_train.py, Debian's
 * python3-torch), run as a child process on the same architecture and batch: the reference a training benchmark
 * compares ours with. Never a product dependency: only {@code bench train --versus-torch} starts it.
 */
final class TorchTrainReference {
  static final String PYTHON = "/usr/bin/python3";
  static final String SCRIPT = "tools/reference/funit_torch_train.py";

  /** One run of the reference: its seconds per timed iteration and the child process's peak RSS. */
  record Run(String engine, List<Double> secondsPerIteration, double peakRssMib) {}

  private final Path script;

  TorchTrainReference(Path home) {
    this.script = home.resolve(SCRIPT);
  }

  /** Refuses to start without the interpreter, PyTorch or the script, saying how to get them. */
  void requireAvailable() throws IOException, InterruptedException {
    if (!Files.isRegularFile(script)) {
      throw new IllegalStateException("no " + script + ": run from the repository (./funit sets funit.home)");
    }
    Process probe = new ProcessBuilder(PYTHON, "-c", "import torch").redirectErrorStream(true).start();
    String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (probe.waitFor() != 0) {
      throw new IllegalStateException("the PyTorch reference needs Debian's python3-torch (apt-get install "
          + "python3-torch): " + output.strip());
    }
  }

  Run run(FunitConfig config, int iterations, int warmup) throws IOException, InterruptedException {
    List<String> command = List.of(PYTHON, script.toString(), "bench", "--config", Json.write(architecture(config)),
        "--batch", Integer.toString(config.batchSize()), "--iterations", Integer.toString(iterations),
        "--warmup", Integer.toString(warmup));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    int exit = process.waitFor();
    if (exit != 0 || output.isEmpty()) {
      throw new IllegalStateException("the PyTorch reference exited with " + exit + ": " + output);
    }
    JsonNode result = Json.MAPPER.readTree(output.substring(output.lastIndexOf('\n') + 1));
    List<Double> seconds = new ArrayList<>();
    result.path("seconds_per_iteration").forEach(s -> seconds.add(s.asDouble()));
    String engine = result.path("engine").asText() + ", " + result.path("threads").asInt() + " threads, BLAS "
        + result.path("blas").asText();
    return new Run(engine, seconds, result.path("peak_rss_bytes").asDouble() / (1 << 20));
  }

  /** The architecture in the config keys the reference reads (tools/reference/README.md). */
  static Map<String, Object> architecture(FunitConfig config) {
    return ReferenceCheck.metadataConfig(config.gen(), config.dis(), config.imageSize());
  }
}
