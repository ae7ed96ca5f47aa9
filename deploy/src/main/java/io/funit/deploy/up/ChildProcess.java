package io.funit.deploy.up;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service process of the embedded stack (the gateway or a worker), its output prefixed with its name.
 * It is restarted when it exits on its own, as a process supervisor would, until the stack stops.
 */
final class ChildProcess {
  private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);
  private static final long RESTART_DELAY_MILLIS = 2_000;

  private final String name;
  private final List<String> command;
  private final Map<String, String> environment;
  private final PrintStream out;
  private volatile Process process;
  private volatile boolean stopping;

  ChildProcess(String name, List<String> command, Map<String, String> environment, PrintStream out) {
    this.name = name;
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
    this.out = out;
  }

  /** CPU time the running process has used (the operating system's accounting), zero when none runs. */
  java.time.Duration cpuTime() {
    Process running = process;
    return running == null ? java.time.Duration.ZERO
        : running.toHandle().info().totalCpuDuration().orElse(java.time.Duration.ZERO);
  }

  /** The running process's id, empty when none runs. */
  java.util.OptionalLong pid() {
    Process running = process;
    return running == null || !running.isAlive() ? java.util.OptionalLong.empty()
        : java.util.OptionalLong.of(running.pid());
  }

  synchronized void start() throws IOException {
    if (stopping) {
      return;
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    process = builder.start();
    Process started = process;
    Thread pump = new Thread(() -> pump(started), name + "-output");
    pump.setDaemon(true);
    pump.start();
    started.onExit().thenAccept(this::exited);
  }

  private void pump(Process source) {
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(source.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        out.println("[" + name + "] " + line);
      }
    } catch (IOException ignored) {
      // the process is gone
    }
  }

  private void exited(Process gone) {
    if (stopping) {
      return;
    }
    LOG.warn("{} exited with code {}; restarting in {} ms", name, gone.exitValue(), RESTART_DELAY_MILLIS);
    try {
      Thread.sleep(RESTART_DELAY_MILLIS);
      if (!stopping) {
        start();
      }
    } catch (IOException | InterruptedException e) {
      LOG.error("cannot restart {}: {}", name, e.toString());
    }
  }

  /** Sends SIGTERM, so the service hands its work back; then, after {@code graceSeconds}, SIGKILL. */
  synchronized void signalStop() {
    stopping = true;
    Process current = process;
    if (current != null) {
      current.destroy();
    }
  }

  void awaitStop(long graceSeconds) throws InterruptedException {
    Process current = process;
    if (current != null && !current.waitFor(graceSeconds, TimeUnit.SECONDS)) {
      LOG.warn("{} did not stop within {} s; killing it", name, graceSeconds);
      current.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  String name() {
    return name;
  }
}
