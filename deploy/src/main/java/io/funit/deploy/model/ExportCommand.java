package io.funit.deploy.model;

import io.funit.common.funit.interop.OfficialWeights;
import io.funit.common.funit.train.Checkpoint;
import io.funit.common.funit.train.FunitTrainer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./funit model export CHECKPOINT --out FILE}: a checkpoint's weights with the official key names. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Write a checkpoint's generator and discriminator as safetensors with official state_dict keys.")
public final class ExportCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "a FUNIT checkpoint (.safetensors)")
  Path checkpoint;

  @Option(names = "--out", required = true, description = "the file to write")
  Path out;

  @Option(names = "--trained-generator", description = "export gen instead of the EMA generator gen_test")
  boolean trainedGenerator;

  @Override
  public Integer call() throws Exception {
    Checkpoint.Restored restored = Checkpoint.load(checkpoint);
    try (FunitTrainer trainer = restored.trainer(); var nets = trainer.networks()) {
      OfficialWeights.export(nets, !trainedGenerator, out);
    }
    System.out.println("{\"written\":\"" + out + "\"}");
    return 0;
  }
}
