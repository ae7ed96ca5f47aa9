package io.funit.deploy.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** A real service main (a worker or the gateway) in its own JVM, configured like a deployment: by environment. */
final class ServiceProcesses {
  private ServiceProcesses() {}

  /**
   * Starts {@code main} with the stack's settings, the worker id, caches and scratch space under
   * {@code dir/<workerId>}, and {@code extra} on top; stdout to {@code out}, stderr to {@code err} (null: into
   * {@code out}).
   */
  static Process start(TestStack stack, Class<?> main, String workerId, Path dir, Map<String, String> extra,
      File out, File err) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), main.getName())
        .redirectOutput(out);
    if (err == null) {
      builder.redirectErrorStream(true);
    } else {
      builder.redirectError(err);
    }
    builder.environment().putAll(stack.settings.values());
    builder.environment().put("FUNIT_WORKER_ID", workerId);
    builder.environment().put("FUNIT_CACHE_DIR", dir.resolve(workerId).resolve("cache").toString());
    builder.environment().put("FUNIT_WORK_DIR", dir.resolve(workerId).resolve("work").toString());
    builder.environment().putAll(extra);
    return builder.start();
  }
}
