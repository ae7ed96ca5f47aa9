package io.funit.deploy.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.funit.common.funit.config.FunitConfig;
import io.funit.common.funit.config.Presets;
import io.funit.common.funit.model.FunitNetworks;
import io.funit.common.funit.train.NoGrad;
import io.funit.common.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./funit bench translate}: K-shot translation with the EMA generator (class codes averaged over K, then
 * decoded): latency percentiles at batch 1 and throughput at larger batches. {@code batching_gain_bound} is the best
 * batched throughput over the batch-1 throughput (1 / median latency), both measured in this process: the most a
 * server's dynamic batching can multiply its throughput by on this machine, since the rest of a job's cost is the
 * same with or without it.
 */
@Command(name = "translate", mixinStandardHelpOptions = true, description = "Translation speed of a preset.")
public final class TranslateBenchmark implements Callable<Integer> {
  @Option(names = "--preset", defaultValue = "font-64", description = "Default: ${DEFAULT-VALUE}")
  String preset;

  @Option(names = "--k", defaultValue = "5", description = "Class images per content image. Default: ${DEFAULT-VALUE}")
  int k;

  @Option(names = "--requests", defaultValue = "50", description = "Batch-1 requests timed. Default: ${DEFAULT-VALUE}")
  int requests;

  @Option(names = "--batches", split = ",", defaultValue = "8,16,32,64", description = "Default: ${DEFAULT-VALUE}")
  int[] batches;

  @Option(names = "--warmup-passes", defaultValue = "" + WARMUP_PASSES,
      description = "Batch-1 passes run before timing, for the JIT. Default: ${DEFAULT-VALUE}")
  int warmupPasses;

  /**
   * The JIT compiles the Java side of a pass (DJL's wrappers, our blocks) over the first few hundred passes, on the
   * same two cores as the model: batch-1 latency was 25.5 ms after 5 passes and 14.8 ms after 300 (font-64, K = 5;
   * docs/benchmarks.md, "Warm-up"). A worker serves in that steady state; the cold figure is printed beside it.
   */
  static final int WARMUP_PASSES = 300;
  /** A CPU translate worker's lanes and its passes' size at most (BatchingSettings.CPU_LANES, CPU_MAX_BATCH). */
  static final int LANES = 2;
  static final int LANES_BATCH = 8;
  /** The first passes of a new process whose median is the cold latency. */
  private static final int COLD_PASSES = 20;

  @Override
  public Integer call() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("preset", preset);
    out.put("k", k);
    out.putAll(measure(Presets.get(preset), k, requests, batches, warmupPasses).toJson());
    out.put("peak_rss_mib", TrainBenchmark.round(Measurements.rssMib()[1], 1));
    System.out.println(Json.write(out));
    return 0;
  }

  /**
   * The model alone, in this process: batch-1 latency percentiles and throughput at each batch size.
   *
   * @param coldBatch1P50Seconds the median of a new process's first batch-1 passes, before the JIT has compiled them
   * @param imagesPerSecond by batch size, the best of three timed batches
   * @param lanesImagesPerSecond passes of {@link #LANES_BATCH} in {@link #LANES} threads at once, one PyTorch thread
   *     each, as a CPU worker's lanes run them: the best of three rounds
   */
  record ModelSpeed(double coldBatch1P50Seconds, double batch1P50Seconds, double batch1P99Seconds,
      Map<Integer, Double> imagesPerSecond, double lanesImagesPerSecond) {
    double batch1ImagesPerSecond() {
      return 1 / batch1P50Seconds;
    }

    /** The best throughput measured: at any batch size, batch 1 included, or in lanes. */
    double bestImagesPerSecond() {
      return Math.max(Math.max(batch1ImagesPerSecond(), lanesImagesPerSecond),
          imagesPerSecond.values().stream().mapToDouble(Double::doubleValue).max().orElse(0));
    }

    Map<String, Object> toJson() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("cold_batch1_latency_ms_p50", TrainBenchmark.round(coldBatch1P50Seconds * 1000, 2));
      out.put("batch1_latency_ms_p50", TrainBenchmark.round(batch1P50Seconds * 1000, 2));
      out.put("batch1_latency_ms_p99", TrainBenchmark.round(batch1P99Seconds * 1000, 2));
      Map<String, Double> throughput = new LinkedHashMap<>();
      imagesPerSecond.forEach((batch, value) ->
          throughput.put(Integer.toString(batch), TrainBenchmark.round(value, 2)));
      out.put("images_per_second_by_batch", throughput);
      out.put("images_per_second_batch1", TrainBenchmark.round(batch1ImagesPerSecond(), 2));
      out.put("images_per_second_lanes", TrainBenchmark.round(lanesImagesPerSecond, 2));
      out.put("lanes", LANES);
      out.put("lanes_batch", LANES_BATCH);
      out.put("batching_gain_bound", TrainBenchmark.round(bestImagesPerSecond() / batch1ImagesPerSecond(), 2));
      return out;
    }
  }

  /**
   * Times a new (randomly initialised) generator of {@code config} after {@code warmupPasses} batch-1 passes: speed
   * does not depend on the weights.
   */
  static ModelSpeed measure(FunitConfig config, int k, int requests, int[] batches, int warmupPasses) {
    try (FunitNetworks nets = FunitNetworks.create(config, 1)) {
      double[] cold = new double[Math.max(1, Math.min(COLD_PASSES, warmupPasses))];
      for (int i = 0; i < Math.max(warmupPasses, cold.length); i++) {
        double seconds = translate(nets, 1, k);
        if (i < cold.length) {
          cold[i] = seconds;
        }
      }
      double[] latencies = new double[requests];
      for (int i = 0; i < requests; i++) {
        latencies[i] = translate(nets, 1, k);
      }
      Map<Integer, Double> throughput = new LinkedHashMap<>();
      for (int batch : batches) {
        translate(nets, batch, k);
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
          best = Math.min(best, translate(nets, batch, k));
        }
        throughput.put(batch, batch / best);
      }
      // last: the lanes set PyTorch's count to 1, which any thread that runs PyTorch later for the first time inherits
      double lanes = lanesImagesPerSecond(nets, k);
      return new ModelSpeed(Measurements.percentile(cold, 50), Measurements.percentile(latencies, 50),
          Measurements.percentile(latencies, 99), throughput, lanes);
    }
  }

  /** {@link #LANES} threads, one PyTorch thread each, 3 passes of {@link #LANES_BATCH} each: the best of 3 rounds. */
  private static double lanesImagesPerSecond(FunitNetworks nets, int k) {
    double best = 0;
    for (int round = 0; round < 4; round++) {
      long start = System.nanoTime();
      runLanes(lane -> {
        for (int pass = 0; pass < 3; pass++) {
          translate(nets, LANES_BATCH, k);
        }
      });
      double imagesPerSecond = LANES * 3 * LANES_BATCH / ((System.nanoTime() - start) / 1e9);
      if (round > 0) { // the first round warms the lanes' code up
        best = Math.max(best, imagesPerSecond);
      }
    }
    return best;
  }

  /**
   * Sustained throughput of the lanes: {@link #LANES} threads, one PyTorch thread each, run passes of
   * {@link #LANES_BATCH} for {@code span} after one warm pass each; images over the whole time, the last passes
   * included. A serving level is a mean over its seconds too, where {@link ModelSpeed#lanesImagesPerSecond} is the
   * best of three short rounds. Each lane draws its random inputs once and copies them into each pass, as a worker
   * stages its jobs' images.
   */
  static double sustainedLanesImagesPerSecond(FunitConfig config, int k, Duration span) {
    int s = config.imageSize();
    try (FunitNetworks nets = FunitNetworks.create(config, 1)) {
      AtomicLong images = new AtomicLong();
      long[] startNanos = new long[1];
      // the clock starts when the last lane has warmed up: the barrier's action runs before any lane goes on
      CyclicBarrier warmed = new CyclicBarrier(LANES, () -> startNanos[0] = System.nanoTime());
      runLanes(lane -> {
        Random random = new Random(lane);
        float[] content = randomPlanes(random, LANES_BATCH * 3 * s * s);
        float[] classes = randomPlanes(random, LANES_BATCH * k * 3 * s * s);
        stagedPass(nets, content, classes, k); // warm: this thread's first pass at its thread count
        await(warmed);
        long deadline = startNanos[0] + span.toNanos();
        while (System.nanoTime() < deadline) {
          stagedPass(nets, content, classes, k);
          images.addAndGet(LANES_BATCH);
        }
      });
      return images.get() / ((System.nanoTime() - startNanos[0]) / 1e9);
    }
  }

  /** One pass of {@link #LANES_BATCH} content images with K class images each, copied in from {@code float}s. */
  private static void stagedPass(FunitNetworks nets, float[] content, float[] classes, int k) {
    int s = nets.config().imageSize();
    try (NDManager m = NDManager.newBaseManager()) {
      forward(nets, m.create(content, new Shape(LANES_BATCH, 3, s, s)),
          m.create(classes, new Shape(LANES_BATCH, k, 3, s, s)));
    }
  }

  private static float[] randomPlanes(Random random, int length) {
    float[] values = new float[length];
    for (int i = 0; i < length; i++) {
      values[i] = random.nextFloat() * 2 - 1;
    }
    return values;
  }

  /**
   * Runs {@code lane} (given its index) on {@link #LANES} threads at once, one PyTorch thread each, as a CPU worker's
   * lanes run their passes, and waits for them; a lane's failure is the measurement's.
   */
  private static void runLanes(IntConsumer lane) {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int index = 0; index < LANES; index++) {
      int number = index;
      Thread thread = new Thread(() -> {
        ai.djl.pytorch.jni.JniUtils.setNumThreads(1);
        lane.accept(number);
      });
      thread.setDaemon(true); // a lane that failed must not keep the benchmark's JVM alive
      thread.setUncaughtExceptionHandler((t, e) -> failure.compareAndSet(null, e));
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    if (failure.get() != null) {
      throw new IllegalStateException("a lane of the model-only measurement failed", failure.get());
    }
  }

  /** Waits for the other lanes; a lane that failed before it got here breaks the wait instead of hanging it. */
  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(5, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (BrokenBarrierException | TimeoutException e) {
      throw new IllegalStateException("a lane of the sustained reference failed", e);
    }
  }

  /** One request of {@code batch} content images with K class images each; returns seconds. */
  private static double translate(FunitNetworks nets, int batch, int k) {
    int s = nets.config().imageSize();
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray content = m.randomUniform(-1, 1, new Shape(batch, 3, s, s));
      NDArray classes = m.randomUniform(-1, 1, new Shape(batch, k, 3, s, s));
      long start = System.nanoTime();
      forward(nets, content, classes);
      return (System.nanoTime() - start) / 1e9;
    }
  }

  /**
   * The EMA generator's translation of {@code content} in the style of {@code classes}, its intermediates in the
   * inputs' manager; waits for the result.
   */
  private static void forward(FunitNetworks nets, NDArray content, NDArray classes) {
    try (NoGrad noGrad = new NoGrad()) {
      NDArray out = nets.genTest().forward(new ParameterStore(content.getManager(), false),
          new NDList(content, classes), false).singletonOrThrow();
      out.getFloat(0, 0, 0, 0);
    }
  }
}
