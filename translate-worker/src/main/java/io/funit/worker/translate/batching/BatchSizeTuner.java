package io.funit.worker.translate.batching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The batch size that pays on this hardware, learnt from the batcher's own cycles. A bigger batch is not
 * always cheaper per image: on a 2-core CPU a pass of 32 glyphs took longer per image than 32 passes of one
 * (docs/benchmarks.md), so a fixed maximum made batching slower than no batching under load. The tuner keeps, for
 * each size class (1, 2, 4, … up to the configured maximum), the seconds per content image of the batcher's last
 * {@link #WINDOW} cycles of that class (a pass and the wait before it), and caps batches at the biggest class whose
 * median is within {@link #TOLERANCE} of the lowest (a bigger pass also spends less outside the model per job, and
 * passes timed on a busy machine are noisy); it tries the next bigger class once when that class has no measurement
 * or a stale one, so the cap follows a change of load or hardware. The median, not an average: one pass slowed by the
 * JIT compilers of a process's first minute, or by a collection, once held a stack's passes at one image for a whole
 * benchmark level (the class above, measured dear once, was tried again less and less often). Batcher thread only.
 */
final class BatchSizeTuner {
  /** Cycles kept per class: the median of three ignores one outlier. */
  static final int WINDOW = 3;
  /**
   * Passes after which a bigger class than the chosen one is tried again. Each look that finds it still dearer
   * doubles its wait, up to {@link #MAX_EXPLORE_EVERY}: a look at a class that costs far more holds every waiting job
   * up for one slow pass, which shows in the tail of the latency. A class with fewer than {@link #WINDOW} cycles is
   * tried again at this pace, without doubling: its figure is not yet robust.
   */
  static final int EXPLORE_EVERY = 32;
  static final int MAX_EXPLORE_EVERY = 1024;
  /** How much more a bigger class may cost per image than the cheapest and still be chosen. */
  static final double TOLERANCE = 0.1;

  private final int[] classes;
  /** Per class, the seconds per image of its last {@link #WINDOW} cycles, oldest overwritten first. */
  private final double[][] recent;
  private final int[] cycles;
  private final double[] secondsPerImage;
  private final long[] measuredAtPass;
  private final long[] exploreEvery;
  private long passes;

  /** @param maxBatchImages the configured maximum (FUNIT_TRANSLATE_MAX_BATCH): the largest class */
  BatchSizeTuner(int maxBatchImages) {
    List<Integer> sizes = new ArrayList<>();
    for (int size = 1; size < maxBatchImages; size *= 2) {
      sizes.add(size);
    }
    sizes.add(maxBatchImages);
    classes = sizes.stream().mapToInt(Integer::intValue).toArray();
    recent = new double[classes.length][WINDOW];
    cycles = new int[classes.length];
    secondsPerImage = new double[classes.length];
    measuredAtPass = new long[classes.length];
    exploreEvery = new long[classes.length];
    Arrays.fill(secondsPerImage, Double.NaN);
    Arrays.fill(exploreEvery, EXPLORE_EVERY);
  }

  /** The most content images the next batch should take. */
  int cap() {
    int best = chosen();
    if (best < 0) {
      return classes[0]; // nothing measured yet: start from one image and grow
    }
    int bigger = best + 1;
    if (bigger < classes.length
        && (Double.isNaN(secondsPerImage[bigger]) || passes - measuredAtPass[bigger] >= exploreEvery[bigger])) {
      return classes[bigger];
    }
    return classes[best];
  }

  /** A cycle of the batcher (a pass and the wait before it) of {@code images} content images took {@code nanos}. */
  void record(int images, long nanos) {
    passes++;
    int c = classOf(images);
    recent[c][cycles[c] % WINDOW] = nanos / 1e9 / images;
    cycles[c]++;
    secondsPerImage[c] = median(recent[c], Math.min(cycles[c], WINDOW));
    measuredAtPass[c] = passes;
    int chosen = chosen();
    exploreEvery[c] = c > chosen && cycles[c] >= WINDOW ? Math.min(2 * exploreEvery[c], MAX_EXPLORE_EVERY)
        : EXPLORE_EVERY;
  }

  /** The median of the first {@code n} values (the mean of two). */
  private static double median(double[] values, int n) {
    double[] sorted = Arrays.copyOf(values, n);
    Arrays.sort(sorted);
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** The biggest measured class within the tolerance of the cheapest; -1 when none is measured. */
  private int chosen() {
    int cheapest = -1;
    for (int c = 0; c < classes.length; c++) {
      if (!Double.isNaN(secondsPerImage[c]) && (cheapest < 0 || secondsPerImage[c] < secondsPerImage[cheapest])) {
        cheapest = c;
      }
    }
    int chosen = cheapest;
    for (int c = cheapest + 1; cheapest >= 0 && c < classes.length; c++) {
      if (!Double.isNaN(secondsPerImage[c]) && secondsPerImage[c] <= (1 + TOLERANCE) * secondsPerImage[cheapest]) {
        chosen = c;
      }
    }
    return chosen;
  }

  /** The largest class not above {@code images} (a job bigger than the cap runs alone and counts in the top class). */
  private int classOf(int images) {
    int c = 0;
    while (c + 1 < classes.length && classes[c + 1] <= images) {
      c++;
    }
    return c;
  }
}
