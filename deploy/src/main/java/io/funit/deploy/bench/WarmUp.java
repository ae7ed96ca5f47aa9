package io.funit.deploy.bench;

import java.time.Duration;
import java.util.Map;

/**
 * The load before {@code bench serve} measures: a fixed time, then rounds while the stack's JIT compilers are still
 * busy. After a fixed 30 s the compilers took 5 ms of CPU per job at 32 clients and 2.9 ms after 3 minutes
 * (docs/benchmarks.md): a cost of the first minutes of a process, which the levels would otherwise charge to every
 * translation.
 */
final class WarmUp {
  static final int ROUND_SECONDS = 15;

  private final ClosedLoopClients load;
  private final ProcessCpu cpu;
  private final int clients;

  /** How long the warm-up ran, and the compilers' CPU in its last round (or over all of it, if it had no rounds). */
  record Done(int seconds, double lastJitMsPerSecond) {}

  WarmUp(ClosedLoopClients load, ProcessCpu cpu, int clients) {
    this.load = load;
    this.cpu = cpu;
    this.clients = clients;
  }

  Done run(int minimumSeconds, int maximumSeconds, double jitMsPerSecond) throws Exception {
    Map<String, Long> before = cpu.snapshot();
    load.run(clients, Duration.ofSeconds(minimumSeconds));
    Map<String, Long> after = cpu.snapshot();
    double jit = ProcessCpu.jitMsPerSecond(before, after, minimumSeconds);
    int seconds = minimumSeconds;
    while (seconds + ROUND_SECONDS <= maximumSeconds && jit > jitMsPerSecond) {
      before = after;
      load.run(clients, Duration.ofSeconds(ROUND_SECONDS));
      after = cpu.snapshot();
      jit = ProcessCpu.jitMsPerSecond(before, after, ROUND_SECONDS);
      seconds += ROUND_SECONDS;
    }
    return new Done(seconds, jit);
  }
}
