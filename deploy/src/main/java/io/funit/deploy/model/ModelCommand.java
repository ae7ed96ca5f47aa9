package io.funit.deploy.model;

import picocli.CommandLine.Command;

/** {@code ./funit model …}: inspect presets and check weights against reference outputs. */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Model tools that print JSON.",
    subcommands = {ParamsCommand.class, CheckReferenceCommand.class, ExportCommand.class, HeldOutCommand.class,
        InstallDefaultCommand.class, ContentFontCommand.class})
public final class ModelCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }
}
