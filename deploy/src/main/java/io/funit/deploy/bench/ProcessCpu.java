package io.funit.deploy.bench;

import io.funit.deploy.up.EmbeddedStack;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * CPU time per process of a benchmark's stack, from the processes' own accounting: each child (gateway, workers)
 * from the operating system, and this process (the embedded Kafka broker and S3 server, the benchmark's clients)
 * from the JVM, the clients' share taken out by thread (their own threads, measured by themselves, and the HTTP
 * client's threads).
 */
final class ProcessCpu {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private static final String MODEL = "model_threads";
  private static final String JIT = "jit_compiler_threads";
  private static final Set<String> NOT_PROCESSES = Set.of("launcher", "http_client_threads", MODEL, JIT);

  private final EmbeddedStack stack;

  ProcessCpu(EmbeddedStack stack) {
    this.stack = stack;
  }

  /**
   * CPU nanoseconds so far: each child by name, {@code launcher} (this JVM), {@code http_client_threads}, and over
   * every process the model's threads and the JIT compiler's ({@link ThreadCpu}).
   */
  Map<String, Long> snapshot() {
    Map<String, Long> nanos = new LinkedHashMap<>();
    stack.childCpuTimes().forEach((name, time) -> nanos.put(name, time.toNanos()));
    nanos.put("launcher", ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime());
    long http = 0;
    for (ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (thread != null && thread.getThreadName().startsWith("HttpClient")) {
        http += Math.max(0, THREADS.getThreadCpuTime(thread.getThreadId()));
      }
    }
    nanos.put("http_client_threads", http);
    ThreadCpu.Split split = ThreadCpu.of(ProcessHandle.current().pid());
    for (long pid : stack.childPids().values()) {
      split = split.plus(ThreadCpu.of(pid));
    }
    nanos.put(MODEL, split.modelNanos());
    nanos.put(JIT, split.jitNanos());
    return nanos;
  }

  /**
   * Milliseconds per job between two snapshots: each child, {@code broker_and_s3} (this JVM less the clients: the
   * embedded broker and S3 server, and the benchmark's own JIT and GC), {@code clients}, {@code all}; then {@code
   * model} (the batcher's threads), {@code outside_model} (all less model and clients: what the "CPU outside
   * the model" means), {@code jit_compiler} (every process's JIT threads: warm-up, not a per-job cost in steady state)
   * and {@code outside_model_less_jit}.
   */
  static Map<String, Double> perJob(Map<String, Long> before, Map<String, Long> after, long clientThreadNanos,
      int jobs) {
    Map<String, Double> perJob = new LinkedHashMap<>();
    if (jobs <= 0) {
      return perJob;
    }
    long all = 0;
    for (String name : after.keySet()) {
      if (!NOT_PROCESSES.contains(name)) {
        long used = after.get(name) - before.getOrDefault(name, 0L);
        perJob.put(name, ms(used, jobs));
        all += used;
      }
    }
    long clients = clientThreadNanos + after.get("http_client_threads") - before.get("http_client_threads");
    long launcher = after.get("launcher") - before.get("launcher");
    perJob.put("broker_and_s3", ms(launcher - clients, jobs));
    perJob.put("clients", ms(clients, jobs));
    perJob.put("all", ms(all + launcher, jobs));
    long model = after.get(MODEL) - before.get(MODEL);
    long jit = after.get(JIT) - before.get(JIT);
    perJob.put("model", ms(model, jobs));
    // the serving path: every process's CPU but the model's and the benchmark clients'
    perJob.put("outside_model", ms(all + launcher - clients - model, jobs));
    perJob.put("jit_compiler", ms(jit, jobs));
    perJob.put("outside_model_less_jit", ms(all + launcher - clients - model - jit, jobs));
    return perJob;
  }

  /** Milliseconds of CPU a second that every process's JIT compiler threads used between two snapshots. */
  static double jitMsPerSecond(Map<String, Long> before, Map<String, Long> after, double seconds) {
    return (after.get(JIT) - before.get(JIT)) / 1e6 / seconds;
  }

  private static double ms(long nanos, int jobs) {
    return Math.round(nanos / 1e6 / jobs * 100) / 100.0;
  }
}
