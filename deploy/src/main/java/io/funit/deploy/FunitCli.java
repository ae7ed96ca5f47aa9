package io.funit.deploy;

import io.funit.deploy.bench.BenchCommand;
import io.funit.deploy.chaos.ChaosCommand;
import io.funit.deploy.dataset.DatasetCommand;
import io.funit.deploy.demo.DemoCommand;
import io.funit.deploy.eval.EvalCommand;
import io.funit.deploy.keys.KeysCommand;
import io.funit.deploy.model.ModelCommand;
import io.funit.deploy.reproduce.ReproduceCommand;
import io.funit.deploy.serve.ServeCommand;
import io.funit.deploy.soak.SoakCommand;
import io.funit.deploy.up.UpCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code ./funit} commands that run in the launcher's JVM. */
@Command(name = "funit", mixinStandardHelpOptions = true, version = "FUNIT Service 0.1.0",
    description = "FUNIT Service: few-shot image-to-image translation as a service.",
    subcommands = {UpCommand.class, DemoCommand.class, BenchCommand.class, ModelCommand.class, DatasetCommand.class,
        EvalCommand.class, KeysCommand.class, ReproduceCommand.class, ServeCommand.class,
        ChaosCommand.class, SoakCommand.class})
public final class FunitCli implements Runnable {
  public static void main(String[] args) {
    io.funit.common.jvm.CommonPool.keepThreads(); // the launcher holds the embedded servers and their clients
    System.exit(new CommandLine(new FunitCli()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
