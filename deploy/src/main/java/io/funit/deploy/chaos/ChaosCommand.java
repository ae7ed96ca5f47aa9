package io.funit.deploy.chaos;

import io.funit.common.json.Json;
import io.funit.deploy.up.Installation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./funit chaos}: the fault-injection suite. As root it lays out the lab (network namespaces, one per host),
 * then runs itself again inside the client host, which starts the services on their hosts, runs each scenario on a
 * fresh stack and prints one JSON report; the lab is removed at the end, or by the reaper if this process is killed.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
    description = "Run fault-injection scenarios on hosts made of Linux network namespaces (root) and print JSON: "
        + "per scenario the jobs accepted, completed, failed, lost and duplicated, webhook events lost and repeated, "
        + "and the seconds until the system served again.")
public final class ChaosCommand implements Callable<Integer> {
  static final String INSIDE = "--inside-lab";

  @Option(names = "--scenario", split = ",", description = "Scenarios to run (default: all). --list names them.")
  List<String> scenarios;

  @Option(names = "--ci", description = "The CI subset: " + "kill-translate-worker, broker-restart; small layout.")
  boolean ci;

  /** Full by default: the topology users run (and the faults a second gateway or worker brings) is what is proved. */
  @Option(names = "--layout", description = "full (two gateways and two workers of each kind) or small (one host of "
      + "each kind, as --ci uses). Default: ${DEFAULT-VALUE}", defaultValue = "full")
  String layoutName;

  @Option(names = "--data", description = "Where the hosts keep their state and logs. Default: ${DEFAULT-VALUE}",
      defaultValue = "${sys:funit.home:-.}/funit-data/chaos")
  Path data;

  @Option(names = "--out", description = "Also write the report to this file.")
  Path out;

  @Option(names = "--list", description = "List the scenarios and exit.")
  boolean list;

  @Option(names = INSIDE, hidden = true)
  boolean insideLab;

  @Override
  public Integer call() throws Exception {
    if (list) {
      Scenarios.all().values().forEach(s -> System.out.printf("%-24s %s%n", s.name(), s.description()));
      return 0;
    }
    List<Scenario> chosen = chosen();
    LabLayout layout = ci ? LabLayout.small() : LabLayout.named(layoutName);
    return insideLab ? runScenarios(chosen, layout) : runLab(layout);
  }

  private List<Scenario> chosen() {
    List<String> names = ci ? Scenarios.CI : scenarios == null || scenarios.isEmpty()
        ? List.copyOf(Scenarios.all().keySet()) : scenarios;
    return names.stream().map(Scenarios::named).toList();
  }

  /** Outside: make the lab, run this command in its client host, remove the lab. */
  private int runLab(LabLayout layout) throws Exception {
    Installation installation = Installation.locate();
    try (NetworkLab lab = NetworkLab.create(layout.hostNames())) {
      Reaper.watch(ProcessHandle.current().pid());
      List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", lab.host(LabLayout.CLIENT).namespace(),
          Installation.java().toString(), "-Xmx512m", "-Dfunit.home=" + installation.home(), "-jar",
          installation.deployJar().toString(), "chaos", INSIDE, "--layout", ci ? "small" : layoutName,
          "--data", data.toAbsolutePath().toString()));
      if (ci) {
        command.add("--ci");
      } else if (scenarios != null && !scenarios.isEmpty()) {
        command.add("--scenario");
        command.add(String.join(",", scenarios));
      }
      if (out != null) {
        command.add("--out");
        command.add(out.toAbsolutePath().toString());
      }
      Process inside = new ProcessBuilder(command).inheritIO().start();
      // Ctrl-C or SIGTERM: the inside run and every host go with this process (a SIGKILL leaves it to the reaper)
      Thread cleanup = new Thread(() -> {
        inside.destroyForcibly();
        NetworkLab.removeLeftovers();
      }, "chaos-cleanup");
      Runtime.getRuntime().addShutdownHook(cleanup);
      int exit = inside.waitFor();
      Runtime.getRuntime().removeShutdownHook(cleanup);
      return exit;
    }
  }

  /** Inside the client host: each scenario on a fresh stack, one report. */
  private int runScenarios(List<Scenario> chosen, LabLayout layout) throws Exception {
    NetworkLab lab = NetworkLab.attach(layout.hostNames());
    Installation installation = Installation.locate();
    String apiKey = "chaos-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
    String secret = "whsec_" + java.util.Base64.getEncoder().encodeToString(
        ("funit-chaos-" + Instant.now() + "-webhook-secret").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    ChaosRun run = new ChaosRun(lab, layout, installation, apiKey, secret);
    List<Map<String, Object>> results = new ArrayList<>();
    boolean passed = true;
    Path runDir = data.resolve(Instant.now().toString().replace(':', '-'));
    for (Scenario scenario : chosen) {
      Map<String, Object> result;
      try {
        result = run.run(scenario, runDir.resolve(scenario.name()));
      } catch (Exception e) {
        result = new LinkedHashMap<>();
        result.put("scenario", scenario.name());
        result.put("passed", false);
        result.put("error", e.toString());
      }
      passed &= Boolean.TRUE.equals(result.get("passed"));
      results.add(result);
      System.err.println("chaos " + scenario.name() + ": " + Json.write(result));
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("layout", layout);
    report.put("data", runDir.toString());
    report.put("passed", passed);
    report.put("scenarios", results);
    String json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report);
    System.out.println(json);
    if (out != null) {
      Files.writeString(out, json + "\n");
    }
    return passed ? 0 : 1;
  }
}
