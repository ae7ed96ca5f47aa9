package io.funit.deploy.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time of a process's threads by what they do, from Linux's per-thread accounting ({@code /proc/<pid>/task/<tid>/
 * stat}; a thread's name is its first 15 characters there): the model's (the translate worker's batcher lanes, and
 * the PyTorch threads they start, which inherit their names), and the JIT compiler's, whose work ends once the code is
 * warm and would otherwise be counted against the serving path. Zero where {@code /proc} is absent.
 */
final class ThreadCpu {
  /** What the translate worker's batcher lanes are called (translate-batcher, -1, -2…), cut as the kernel cuts it. */
  static final String MODEL_THREAD = "translate-batch";
  private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on every Linux architecture we run on

  private ThreadCpu() {}

  /** CPU nanoseconds so far of the process's model and JIT compiler threads. */
  record Split(long modelNanos, long jitNanos) {
    Split minus(Split before) {
      return new Split(modelNanos - before.modelNanos, jitNanos - before.jitNanos);
    }

    Split plus(Split other) {
      return new Split(modelNanos + other.modelNanos, jitNanos + other.jitNanos);
    }
  }

  static Split of(long pid) {
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    long model = 0;
    long jit = 0;
    try (Stream<Path> threads = Files.list(tasks)) {
      for (Path thread : (Iterable<Path>) threads::iterator) {
        String stat;
        try {
          stat = Files.readString(thread.resolve("stat"));
        } catch (IOException ended) {
          continue; // the thread ended between the listing and the read
        }
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long nanos = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK; // utime, stime
        if (name.startsWith(MODEL_THREAD)) {
          model += nanos;
        } else if (name.contains("CompilerThre")) {
          jit += nanos;
        }
      }
    } catch (IOException | RuntimeException absent) {
      return new Split(0, 0);
    }
    return new Split(model, jit);
  }
}
