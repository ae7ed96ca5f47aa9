package io.funit.deploy.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceJvmTest {
  @Test
  void trainAndEvalWorkersRunNicedAndTheServingPathDoesNot() {
    int niceness = ServiceJvm.batchNiceness();
    for (String kind : List.of("train", "eval")) {
      List<String> command = ServiceJvm.besideServingPath(kind, "-Xmx1g", "worker.jar");
      if (niceness > 0) {
        assertThat(command.subList(0, 3)).containsExactly("nice", "-n", Integer.toString(niceness));
      }
      assertThat(command).endsWith("-jar", "worker.jar");
    }
    assertThat(ServiceJvm.besideServingPath("translate", "-Xmx512m", "worker.jar")).doesNotContain("nice")
        .first().asString().endsWith("java");
    // a worker on a host of its own (the chaos lab's) runs at normal priority whatever its kind
    assertThat(ServiceJvm.worker("-Xmx1g", "worker.jar")).doesNotContain("nice");
    assertThat(ServiceJvm.gateway("gateway.jar")).doesNotContain("nice");
  }

  @Test
  void theNicenessIsTenUnlessSetAndMustBeANiceValue() {
    assertThat(ServiceJvm.batchNiceness(null)).isEqualTo(10);
    assertThat(ServiceJvm.batchNiceness(" ")).isEqualTo(10);
    assertThat(ServiceJvm.batchNiceness("0")).isZero();
    assertThat(ServiceJvm.batchNiceness("19")).isEqualTo(19);
    for (String bad : List.of("20", "-1", "low")) {
      assertThatThrownBy(() -> ServiceJvm.batchNiceness(bad)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("FUNIT_BATCH_NICENESS").hasMessageContaining(bad);
    }
  }

  @Test
  void translateThreadsAreATranslateWorkersOmpThreadsOrPyTorchsDefault() {
    assertThat(ServiceJvm.translateThreads(null)).isNull();
    assertThat(ServiceJvm.translateThreads("auto")).isNull();
    assertThat(ServiceJvm.translateThreads(" 1 ")).isEqualTo("1");
    for (String bad : List.of("0", "many", "-2")) {
      assertThatThrownBy(() -> ServiceJvm.translateThreads(bad)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("FUNIT_TRANSLATE_THREADS").hasMessageContaining(bad);
    }
  }

  @Test
  void theLauncherStartsUpWithTheOptionsTheSoakMeasures() throws Exception {
    String launcher = Files.readString(Path.of("..", "funit")); // tests run in the module's directory
    assertThat(launcher).contains("EMBEDDED_SERVERS_OPTS=\"" + String.join(" ", ServiceJvm.EMBEDDED_SERVERS) + "\"")
        .contains("if [ \"$cmd\" = up ]; then default_opts=\"$EMBEDDED_SERVERS_OPTS\"; fi");
  }
}
