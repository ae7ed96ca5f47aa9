package io.funit.worker.translate.batching;

import io.funit.common.config.Settings;
import java.time.Duration;

/**
 * How the batcher groups jobs.
 *
 * @param maxBatchImages FUNIT_TRANSLATE_MAX_BATCH, content images per forward pass at most; 1 turns batching off;
 *     default 8 on a CPU, 32 on a GPU
 * @param maxWait FUNIT_TRANSLATE_MAX_WAIT_MS, how long the first job of a batch may wait for others
 * @param tuned FUNIT_TRANSLATE_BATCH_TUNING, whether the batcher caps its passes below the maximum at the size that
 *     costs least per image on this machine ({@link BatchSizeTuner}, the default), or always fills up to the maximum
 * @param oneThreadUpTo FUNIT_TRANSLATE_ONE_THREAD_UP_TO, passes of at most this many images run on one PyTorch
 *     thread ({@link PassThreads}); 0 runs every pass on PyTorch's own count. Default 2 on a CPU, 0 on a GPU
 * @param lanes FUNIT_TRANSLATE_LANES, passes that run at once, each on its share of PyTorch's threads. Default
 *     {@link #CPU_LANES} on a CPU (at most one per core or PyTorch thread), 1 on a GPU
 * @param lonePassAllThreads FUNIT_TRANSLATE_LONE_PASS_ALL_THREADS, whether a pass that runs alone (one job, none
 *     waiting, no other pass, and so for a second: a lone client's load) takes all of PyTorch's threads while the
 *     other lanes wait ({@link LonePasses}); default true. Only with more than one lane
 */
public record BatchingSettings(int maxBatchImages, Duration maxWait, boolean tuned, int oneThreadUpTo, int lanes,
    boolean lonePassAllThreads) {
  /**
   * Two passes at once on a CPU, one thread each, instead of one pass on both cores: a pass split over two threads
   * waits at every barrier for whichever thread the rest of the stack preempted, while two one-thread passes go on
   * without each other, and one lane's pass overlaps the other's gathering of jobs. Font-64, K = 5, passes of 8, the
   * model alone: see docs/benchmarks.md, "Two lanes".
   */
  public static final int CPU_LANES = 2;

  /**
   * Passes of one or two images on one thread: see {@link PassThreads} for the runs behind it. Not 4, as first chosen:
   * passes of 4 on one thread and of 8 on two cost about the same wall time per image, and the batch-size tuner
   * settled at 4 in three runs of three at 32 clients (32-36 jobs/s, against 33-39 with passes of 8 at 2).
   */
  public static final int CPU_ONE_THREAD_UP_TO = 2;

  /** Batches filled up to {@code maxBatchImages}, as a fixed-size setting (no tuning), on PyTorch's threads. */
  public BatchingSettings(int maxBatchImages, Duration maxWait) {
    this(maxBatchImages, maxWait, false, 0, 1, false);
  }

  /** One lane: one pass at a time. */
  public BatchingSettings(int maxBatchImages, Duration maxWait, boolean tuned, int oneThreadUpTo) {
    this(maxBatchImages, maxWait, tuned, oneThreadUpTo, 1, false);
  }

  /**
   * On a CPU, passes of 8: font-64 translation does 70-82 images/s at batch 8 and 66-89 at 16 or 32 (model alone,
   * ./funit bench serve), but a worker serving batches of every size up to 16 grew to 1.1-1.2 GiB resident (glibc
   * keeps each size's freed activations apart) and to 0.8 GiB with 8, at the same jobs/s (docs/benchmarks.md,
   * "Translate worker memory"). A GPU's batch costs little more than its first image.
   */
  public static final int CPU_MAX_BATCH = 8;
  public static final int GPU_MAX_BATCH = 32;

  /** The settings in {@code settings}, with the default maximum batch for the device the model runs on. */
  public static BatchingSettings from(Settings settings, boolean gpu) {
    return new BatchingSettings(
        settings.integer("FUNIT_TRANSLATE_MAX_BATCH", gpu ? GPU_MAX_BATCH : CPU_MAX_BATCH, 1, 1024),
        settings.millis("FUNIT_TRANSLATE_MAX_WAIT_MS", 10), settings.bool("FUNIT_TRANSLATE_BATCH_TUNING", true),
        settings.integer("FUNIT_TRANSLATE_ONE_THREAD_UP_TO", gpu ? 0 : CPU_ONE_THREAD_UP_TO, 0, 1024),
        settings.integer("FUNIT_TRANSLATE_LANES", gpu ? 1 : cpuLanes(settings), 1, 64),
        settings.bool("FUNIT_TRANSLATE_LONE_PASS_ALL_THREADS", true));
  }

  /**
   * {@link #CPU_LANES}, but no more lanes than cores, nor than PyTorch's threads when an operator set them
   * (OMP_NUM_THREADS, which FUNIT_TRANSLATE_THREADS sets): each lane runs at least one.
   */
  static int cpuLanes(Settings settings) {
    int cores = Runtime.getRuntime().availableProcessors();
    int threads;
    try {
      threads = settings.integer("OMP_NUM_THREADS", cores, 1, 4096);
    } catch (IllegalArgumentException notOne) {
      threads = cores; // OpenMP's nested form ("4,2"): its first level is not ours to parse
    }
    return Math.min(CPU_LANES, Math.min(cores, threads));
  }
}
