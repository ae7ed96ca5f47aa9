package io.funit.deploy.manifests;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of the Compose specification (compose-spec.io) that deploy/compose uses, read strictly: a field these
 * records do not know fails, so a misspelt key cannot be silently ignored as Docker Compose would warn about.
 */
record Compose(String name, Map<String, Service> services, Map<String, Object> volumes) {
  static final ObjectMapper STRICT = new ObjectMapper(new YAMLFactory())
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  static Compose read(Path file) throws IOException {
    return STRICT.readValue(file.toFile(), Compose.class);
  }

  record Service(String image, Build build, List<String> command, List<String> entrypoint,
      Map<String, String> environment, @JsonProperty("env_file") String envFile, List<String> ports,
      List<String> volumes, @JsonProperty("depends_on") Map<String, DependsOn> dependsOn, Healthcheck healthcheck,
      @JsonProperty("stop_grace_period") String stopGracePeriod, String restart, Deploy deploy) {

    /** The service's environment as its container gets it: the env_file's lines, then {@code environment}. */
    Map<String, String> containerEnvironment(Path composeDir) {
      Map<String, String> env = new LinkedHashMap<>();
      if (envFile != null) {
        for (String line : Repository.read(composeDir.resolve(envFile)).split("\n")) {
          if (!line.isBlank() && !line.startsWith("#")) {
            env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
          }
        }
      }
      if (environment != null) {
        env.putAll(environment);
      }
      return env;
    }
  }

  record Build(String context, String dockerfile, Map<String, String> args) {}

  record DependsOn(String condition) {}

  record Healthcheck(List<String> test, String interval, String timeout, Integer retries,
      @JsonProperty("start_period") String startPeriod) {}

  record Deploy(Resources resources) {}

  record Resources(Reservations reservations) {}

  record Reservations(List<Device> devices) {}

  record Device(String driver, Integer count, List<String> capabilities) {}
}
