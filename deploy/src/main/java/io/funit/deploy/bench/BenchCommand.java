package io.funit.deploy.bench;

import picocli.CommandLine.Command;

/** {@code ./funit bench …}: speed and memory measurements that print JSON (results go to docs/benchmarks.md). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print JSON.",
    subcommands = {TrainBenchmark.class, TranslateBenchmark.class, ServeBenchmark.class})
public final class BenchCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }
}
