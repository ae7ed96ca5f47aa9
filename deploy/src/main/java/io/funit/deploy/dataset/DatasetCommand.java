package io.funit.deploy.dataset;

import picocli.CommandLine.Command;

/** {@code ./funit dataset …}: dataset builders that write a dataset directory and print a JSON summary. */
@Command(name = "dataset", mixinStandardHelpOptions = true, description = "Build datasets into a local directory.",
    subcommands = {FontsCommand.class})
public final class DatasetCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }
}
