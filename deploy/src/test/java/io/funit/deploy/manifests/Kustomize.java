package io.funit.deploy.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * An overlay of deploy/k8s rendered by {@code kubectl kustomize}: the kubectl named by {@code FUNIT_KUBECTL} (.ci/run
 * unpacks Debian's kubernetes-client, kubectl 1.20, and sets it), else the one .ci/run leaves in
 * {@code .cache/kubernetes-client}, else any kubectl on the PATH. Without one the checks that need the rendering
 * are skipped, saying so.
 */
public final class Kustomize {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Kustomize() {}

  public static List<JsonNode> render(String overlay) throws IOException, InterruptedException {
    String kubectl = kubectl();
    Path dir = Repository.ROOT.resolve("deploy/k8s/overlays").resolve(overlay);
    Process process = new ProcessBuilder(kubectl, "kustomize", dir.toString()).redirectErrorStream(false).start();
    byte[] out = process.getInputStream().readAllBytes();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new AssertionError(kubectl + " kustomize " + dir + " failed: " + err);
    }
    return documents(new String(out, StandardCharsets.UTF_8));
  }

  /** The YAML documents of a multi-document stream, empty ones left out. */
  static List<JsonNode> documents(String yaml) throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    try (var parser = YAML.getFactory().createParser(yaml)) {
      var it = YAML.readValues(parser, JsonNode.class);
      while (it.hasNext()) {
        JsonNode doc = it.next();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          docs.add(doc);
        }
      }
    }
    return docs;
  }

  private static String kubectl() {
    String named = System.getenv("FUNIT_KUBECTL");
    if (named != null && !named.isBlank()) {
      return named;
    }
    Path unpacked = Repository.ROOT.resolve(".cache/kubernetes-client/usr/bin/kubectl");
    if (Files.isExecutable(unpacked)) {
      return unpacked.toString();
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, "kubectl"))) {
        return Path.of(dir, "kubectl").toString();
      }
    }
    Assumptions.abort("no kubectl to render deploy/k8s: .ci/run unpacks Debian's kubernetes-client into "
        + ".cache/kubernetes-client (or set FUNIT_KUBECTL)");
    return null;
  }
}
