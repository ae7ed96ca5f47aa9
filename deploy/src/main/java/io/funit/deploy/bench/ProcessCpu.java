package io.funit.deploy.bench;

import io.funit.deploy.up.EmbeddedStack;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time per process of a benchmark's stack, from the processes' own accounting: each child (gateway, workers)
 * from the operating system, and this process (the embedded Kafka broker and S3 server, the benchmark's clients)
 * from the JVM, the clients' share taken out by thread (their own threads, measured by themselves, and the HTTP
 * client's threads).
 */
final class ProcessCpu {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final EmbeddedStack stack;

  ProcessCpu(EmbeddedStack stack) {
    this.stack = stack;
  }

  /** CPU nanoseconds so far: each child by name, {@code launcher} (this JVM), {@code http_client_threads}. */
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
    return nanos;
  }

  /**
   * Milliseconds per job between two snapshots: each child, {@code broker_and_s3} (this JVM less the clients: the
   * embedded broker and S3 server, and the benchmark's own JIT and GC), {@code clients}, and {@code all}.
   */
  static Map<String, Double> perJob(Map<String, Long> before, Map<String, Long> after, long clientThreadNanos,
      int jobs) {
    Map<String, Double> perJob = new LinkedHashMap<>();
    if (jobs <= 0) {
      return perJob;
    }
    long all = 0;
    for (String name : after.keySet()) {
      if (!name.equals("launcher") && !name.equals("http_client_threads")) {
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
    return perJob;
  }

  private static double ms(long nanos, int jobs) {
    return Math.round(nanos / 1e6 / jobs * 100) / 100.0;
  }
}
