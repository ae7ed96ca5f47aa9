package io.funit.deploy.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Same-process reference measurements for benchmarks: peak matmul throughput and resident memory. */
final class Measurements {
  private Measurements() {}

  /**
   * The best float32 matmul GFLOP/s of this process on this machine, right now: the denominator that turns an
   * achieved FLOP rate into a machine-independent ratio.
   */
  static double peakMatmulGflops() {
    int n = 1024;
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = m.randomUniform(-1, 1, new Shape(n, n));
      NDArray b = m.randomUniform(-1, 1, new Shape(n, n));
      double best = 0;
      for (int round = 0; round < 16; round++) {
        long start = System.nanoTime();
        int reps = 4;
        for (int i = 0; i < reps; i++) {
          try (NDArray c = a.matMul(b)) {
            c.getFloat(0, 0);   // forces completion
          }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        best = Math.max(best, reps * 2.0 * n * n * n / seconds / 1e9);
      }
      return best;
    }
  }

  /** Resident set size now and its peak (VmRSS, VmHWM), in MiB. */
  static double[] rssMib() {
    return rssMib("self");
  }

  /** As {@link #rssMib()}, of another process of this machine (NaN when it is gone). */
  static double[] rssMib(long pid) {
    return rssMib(Long.toString(pid));
  }

  private static double[] rssMib(String process) {
    try {
      double[] values = new double[2];
      for (String line : Files.readAllLines(Path.of("/proc", process, "status"))) {
        if (line.startsWith("VmRSS:")) {
          values[0] = kib(line) / 1024;
        } else if (line.startsWith("VmHWM:")) {
          values[1] = kib(line) / 1024;
        }
      }
      return values;
    } catch (IOException e) {
      return new double[] {Double.NaN, Double.NaN};
    }
  }

  private static double kib(String line) {
    return Double.parseDouble(line.replaceAll("[^0-9]", ""));
  }

  static double percentile(double[] sorted, double p) {
    double[] copy = sorted.clone();
    Arrays.sort(copy);
    int index = (int) Math.ceil(p / 100.0 * copy.length) - 1;
    return copy[Math.max(0, Math.min(copy.length - 1, index))];
  }
}
