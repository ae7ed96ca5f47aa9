package io.funit.deploy.reproduce;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.json.Json;
import io.funit.deploy.up.Installation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./funit reproduce --list | NAME}: the published figures and the commands behind them; runs one (its cost is
 * printed first) and prints each new figure beside the published one, with the command's whole output.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
    description = "List the published figures, or run one's command and print the new figure beside the published.")
public final class ReproduceCommand implements Callable<Integer> {
  @Option(names = "--list", description = "Print every entry: name, cost, command")
  boolean list;

  @Parameters(arity = "0..1", paramLabel = "NAME", description = "The entry to run (./funit reproduce --list)")
  String name;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path home = Installation.locate().home();
    ReproductionIndex index = ReproductionIndex.read(home);
    if (list || name == null) {
      for (ReproductionIndex.Entry entry : index.entries()) {
        System.out.printf("%-28s %-46s %s%n", entry.name(), entry.cost(), entry.command());
      }
      return 0;
    }
    ReproductionIndex.Entry entry = index.entry(name).orElseThrow(() -> new ParameterException(spec.commandLine(),
        "no entry '" + name + "'; ./funit reproduce --list names them"));
    System.err.println("reproduce " + entry.name() + ": " + entry.cost() + (entry.setup() == null ? ""
        : "; needs: " + entry.setup()));
    JsonNode output = null;
    int exit = 0;
    if (entry.canRun()) {
      System.err.println("running: " + entry.command());
      Run run = run(home, entry.command());
      exit = run.exit();
      output = run.json();
    } else {
      System.err.println("not one command; the recipe: " + entry.command());
    }
    System.out.println(Json.write(report(index, entry, output, exit)));
    return exit == 0 ? 0 : 1;
  }

  static Map<String, Object> report(ReproductionIndex index, ReproductionIndex.Entry entry, JsonNode output,
      int exit) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("name", entry.name());
    report.put("command", entry.command());
    report.put("published_on", index.machines().getOrDefault(entry.machine(), entry.machine()));
    report.put("exit_status", exit);
    List<Map<String, Object>> figures = new ArrayList<>();
    JsonNode measured = entry.figuresIn(output);
    for (ReproductionIndex.Figure figure : entry.figures()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("figure", figure.figure());
      row.put("published", figure.published());
      figure.in(measured).ifPresentOrElse(value -> {
        row.put("new", value);
        if (figure.published() != 0) {
          row.put("new_over_published", Math.round(value / figure.published() * 1000) / 1000.0);
        }
      }, () -> row.put("new", output == null ? "not run" : "in the output below"));
      figures.add(row);
    }
    report.put("figures", figures);
    if (entry.history() != null) {
      report.put("history", entry.history());
    }
    report.put("output", output);
    return report;
  }

  /** A command's exit status and the JSON it printed last (null when it printed none). */
  record Run(int exit, JsonNode json) {}

  /**
   * Runs an entry's command in the checkout: {@code ./funit ...} as the launcher runs its Java commands (the
   * deploy jar, which the launcher has built), anything else through bash. Its stderr goes to ours.
   */
  static Run run(Path home, String command) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(Arrays.asList(command.trim().split("\\s+")));
    List<String> process = new ArrayList<>();
    if (args.get(0).equals("./funit")) {
      process.add(Installation.java().toString());
      process.addAll(Arrays.asList(System.getenv().getOrDefault("FUNIT_JAVA_OPTS", "-Xmx1g").split("\\s+")));
      process.add("-Dfunit.home=" + home);
      process.add("-jar");
      process.add(new Installation(home).deployJar().toString());
      process.addAll(args.subList(1, args.size()));
    } else {
      process.addAll(List.of("bash", "-c", command));
    }
    Process child = new ProcessBuilder(process).directory(home.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    child.getOutputStream().close();
    String stdout;
    try (InputStream in = child.getInputStream()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      stdout = bytes.toString(StandardCharsets.UTF_8);
    }
    return new Run(child.waitFor(), lastJson(stdout));
  }

  /** The output's JSON: all of it when it is one document (pretty-printed), else its last line that is one. */
  static JsonNode lastJson(String stdout) {
    int first = stdout.indexOf('{');
    if (first >= 0) {
      try {
        return Json.MAPPER.readTree(stdout.substring(first));
      } catch (IOException e) {
        // log lines or several documents: look line by line
      }
    }
    String[] lines = stdout.split("\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      if (lines[i].trim().startsWith("{")) {
        try {
          return Json.MAPPER.readTree(lines[i]);
        } catch (IOException e) {
          // not a document
        }
      }
    }
    return null;
  }
}
