package io.funit.deploy.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.funit.common.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault-injection suite's CI subset ({@code ./funit chaos --ci}) on the jars this build made, as root (network
 * namespaces); skipped where the machine can't make namespaces. Every scenario must lose and duplicate nothing and
 * serve again within the promised time; the figures are the command's own JSON.
 */
class ChaosSuiteIT {
  @TempDir
  Path tmp;

  @Test
  void theCiScenariosLoseAndDuplicateNothing() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "network namespaces need root");
    assumeTrue(new ProcessBuilder("ip", "netns", "list").start().waitFor() == 0, "no iproute2");
    Path home = repositoryRoot();
    Path report = tmp.resolve("chaos.json");
    Process chaos = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-Dfunit.home=" + home, "-jar", home.resolve("deploy/target/funit-deploy.jar").toString(),
        "chaos", "--ci", "--data", tmp.resolve("data").toString(), "--out", report.toString())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("chaos.log").toFile()).start();
    boolean ended = chaos.waitFor(15, TimeUnit.MINUTES);
    if (!ended) {
      chaos.destroy();
      chaos.waitFor(60, TimeUnit.SECONDS);
    }
    String log = Files.readString(tmp.resolve("chaos.log"));
    assertThat(ended).as("the CI subset ended within 15 minutes:%n%s", tail(log)).isTrue();
    assertThat(report).as(tail(log)).exists();
    JsonNode json = Json.MAPPER.readTree(report.toFile());
    assertThat(json.path("scenarios").findValuesAsText("scenario")).containsExactlyElementsOf(Scenarios.CI);
    for (JsonNode scenario : json.path("scenarios")) {
      String name = scenario.path("scenario").asText();
      assertThat(scenario.path("error").isMissingNode()).as(name + ": " + scenario.path("error").asText()).isTrue();
      assertThat(scenario.path("lost").asInt()).as(name + " lost jobs: " + scenario.path("problems")).isZero();
      assertThat(scenario.path("duplicated").asInt()).as(name + " duplicated: " + scenario.path("problems")).isZero();
      assertThat(scenario.path("webhooks").path("lost").asInt()).as(name + " lost webhooks").isZero();
      assertThat(scenario.path("completed").path("translate").asInt()).as(name + " translations").isPositive();
      assertThat(scenario.path("recovery_seconds").asDouble()).as(name + " recovery")
          .isBetween(0.0, (double) ChaosRun.RECOVERY_LIMIT.toSeconds());
      assertThat(scenario.path("passed").asBoolean()).as(name).isTrue();
    }
    assertThat(chaos.exitValue()).isZero();
    List<String> left = new ProcessBuilder("ip", "netns", "list").start().inputReader().lines()
        .filter(line -> line.startsWith(NetworkLab.PREFIX)).toList();
    assertThat(left).as("the lab removed its namespaces").isEmpty();
  }

  private static String tail(String log) {
    return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
  }

  private static Path repositoryRoot() {
    for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("models/default")) && Files.exists(dir.resolve("funit"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no repository root above " + System.getProperty("user.dir"));
  }
}
