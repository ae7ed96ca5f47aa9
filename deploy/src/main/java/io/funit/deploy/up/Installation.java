package io.funit.deploy.up;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the service jars are: the repository checkout named by the {@code funit.home} property (set by ./funit). */
public record Installation(Path home) {
  public static Installation locate() {
    Path home = Path.of(System.getProperty("funit.home", ".")).toAbsolutePath().normalize();
    Installation installation = new Installation(home);
    if (!Files.exists(installation.gatewayJar())) {
      throw new IllegalStateException("no gateway jar at " + installation.gatewayJar() + "; run ./funit from the "
          + "repository root (it builds the jars) or set -Dfunit.home");
    }
    return installation;
  }

  public Path gatewayJar() {
    return home.resolve("gateway/target/funit-gateway.jar");
  }

  public Path workerJar(String kind) {
    return home.resolve(kind + "-worker/target/funit-" + kind + "-worker.jar");
  }

  /** The jar of the launcher's own commands ({@code ./funit model|bench|dataset|...}). */
  public Path deployJar() {
    return home.resolve("deploy/target/funit-deploy.jar");
  }

  /** The Java this process runs on, for the processes it starts. */
  public static Path java() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }
}
