package io.funit.deploy.bench;

import io.funit.common.config.S3Settings;
import io.funit.common.embedded.FreePorts;
import io.funit.common.json.Json;
import io.funit.common.models.ModelRegistry;
import io.funit.common.storage.ObjectStore;
import io.funit.deploy.http.MultipartForm;
import io.funit.deploy.up.EmbeddedStack;
import io.funit.deploy.up.Installation;
import io.funit.deploy.up.StackLayout;
import io.funit.deploy.up.WorkerCounts;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./funit bench serve}: translations through the gateway of a fresh embedded stack (one translate worker),
 * by closed-loop clients, with dynamic batching on and then off (FUNIT_TRANSLATE_MAX_BATCH=1, same everything
 * else). Each request is a multipart upload of one content glyph and K class glyphs, answered with the result
 * ({@code Prefer: wait}).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serving throughput and latency, batching on and off.")
public final class ServeBenchmark implements Callable<Integer> {
  @Option(names = "--clients", split = ",", defaultValue = "1,8,32", description = "Default: ${DEFAULT-VALUE}")
  int[] clients;

  @Option(names = "--seconds", defaultValue = "30",
      description = "Measured time per client count. Default: ${DEFAULT-VALUE}")
  int seconds;

  @Option(names = "--warmup-seconds", defaultValue = "30",
      description = "Load before the first measured level: model load, connections, and most of the JIT compiler's "
          + "work, which would otherwise count against the path. Default: ${DEFAULT-VALUE}")
  int warmupSeconds;

  @Option(names = "--warmup-max-seconds", defaultValue = "300",
      description = "After --warmup-seconds the warm-up goes on, in rounds of " + WarmUp.ROUND_SECONDS
          + " s, while the JIT compilers of the stack's processes used more than --warmup-jit-ms-per-second in the "
          + "last round, up to this long in all (at most --warmup-seconds: a fixed warm-up). Default: ${DEFAULT-VALUE}")
  int warmupMaxSeconds;

  @Option(names = "--warmup-jit-ms-per-second", defaultValue = "30",
      description = "The JIT compilers' CPU (ms a second, over every process of the stack) below which the warm-up "
          + "counts as done: the steady state the CPU target is about. Default: ${DEFAULT-VALUE}")
  double warmupJitMsPerSecond;

  @Option(names = "--preset", defaultValue = "font-64", description = "Default: ${DEFAULT-VALUE}")
  String preset;

  @Option(names = "--k", defaultValue = "5", description = "Class images per request. Default: ${DEFAULT-VALUE}")
  int k;

  @Option(names = "--max-batch", defaultValue = "8", // the worker's default on a CPU (BatchingSettings)
      description = "FUNIT_TRANSLATE_MAX_BATCH when batching is on. Default: ${DEFAULT-VALUE}")
  int maxBatch;

  @Option(names = "--max-wait-ms", defaultValue = "10",
      description = "FUNIT_TRANSLATE_MAX_WAIT_MS. Default: ${DEFAULT-VALUE}")
  int maxWaitMs;

  @Option(names = "--modes", split = ",", defaultValue = "batched,unbatched", description = "Default: ${DEFAULT-VALUE}")
  List<String> modes;

  @Option(names = "--idle-seconds", defaultValue = "10",
      description = "Time after the warm-up with no load, to measure the stack's fixed CPU cost (0: not measured). "
          + "Default: ${DEFAULT-VALUE}")
  int idleSeconds;

  @Option(names = "--model-requests", defaultValue = "100",
      description = "Batch-1 forward passes timed for the model-only reference. Default: ${DEFAULT-VALUE}")
  int modelRequests;

  @Option(names = "--launcher-warmup-seconds", defaultValue = "300",
      description = "Before the first mode, a stack of that mode serves the busiest level's clients this long and then "
          + "each level's for " + WarmUp.ROUND_SECONDS + " s, unmeasured: the embedded broker and S3 server run in "
          + "this JVM, which every later mode finds warmed up by the ones before it (0: none). Default: "
          + "${DEFAULT-VALUE}")
  int launcherWarmupSeconds;

  @Option(names = "--reference-seconds", defaultValue = "15",
      description = "Sustained model-only throughput measured for this long before the first mode and after each "
          + "mode's stack has stopped; the throughput target's reference is the mean of the two around the batched "
          + "levels (0: the start's best short round instead). Default: ${DEFAULT-VALUE}")
  int referenceSeconds;

  @Override
  public Integer call() throws Exception {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("preset", preset);
    out.put("k", k);
    out.put("seconds_per_level", seconds);
    out.put("warmup_seconds", warmupSeconds);
    out.put("cores", Runtime.getRuntime().availableProcessors());
    out.put("launcher_warmup_seconds", launcherWarmupSeconds);
    // the reference the targets are stated against: the same model alone in this process, before any stack runs
    TranslateBenchmark.ModelSpeed model = TranslateBenchmark.measure(
        io.funit.common.funit.config.Presets.get(preset), k, modelRequests, new int[] {8, 16, 32},
        TranslateBenchmark.WARMUP_PASSES);
    Map<String, Object> modelJson = model.toJson();
    if (launcherWarmupSeconds > 0 && !modes.isEmpty()) {
      warmLauncher(batchOf(modes.get(0)));
    }
    // these machines' speed drifts within the quarter hour a run takes: the throughput target compares the busiest
    // level with the model alone just before and just after its mode, the way the level is measured (sustained)
    double before = sustainedReference();
    if (before > 0) {
      modelJson.put("images_per_second_lanes_sustained", TrainBenchmark.round(before, 2));
    }
    out.put("model_only", modelJson);
    System.err.println("bench serve model only: " + Json.write(modelJson));
    Map<String, Map<String, Object>> byMode = new LinkedHashMap<>();
    Double batchedReference = null;
    for (String mode : modes) {
      Map<String, Object> result = runMode(batchOf(mode));
      // after the stack has stopped: the machine as the start's reference had it
      double after = sustainedReference();
      if (after > 0) {
        result.put("model_only_after_images_per_second_lanes_sustained", TrainBenchmark.round(after, 2));
        System.err.println("bench serve model only after " + mode + ": " + TrainBenchmark.round(after, 2));
        if (mode.equals("batched")) {
          batchedReference = (before + after) / 2;
        }
      }
      before = after;
      byMode.put(mode, result);
    }
    out.put("modes", byMode);
    out.put("targets", ServeTargets.check(model, batchedReference, byMode));
    System.out.println(Json.write(out));
    return 0;
  }

  private int batchOf(String mode) {
    return mode.equals("unbatched") ? 1 : maxBatch;
  }

  /** A fresh embedded stack (one translate worker at {@code batch}) serving the preset's model, and its clients. */
  private record ServedStack(EmbeddedStack stack, ClosedLoopClients load, ProcessCpu cpu) implements AutoCloseable {
    @Override
    public void close() {
      stack.close();
    }
  }

  private ServedStack serve(int batch) throws Exception {
    Path data = Files.createTempDirectory("funit-bench-serve-");
    StackLayout layout = new StackLayout(data, FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), FreePorts.pick(),
        WorkerCounts.parse("translate=1,train=0,eval=0"), 120);
    Map<String, String> env = Map.of("FUNIT_TRANSLATE_MAX_BATCH", Integer.toString(batch),
        "FUNIT_TRANSLATE_MAX_WAIT_MS", Integer.toString(maxWaitMs), "FUNIT_JOB_TYPES", "probe,translate",
        // a dataset built in the background would take the cores the measurement is about
        EmbeddedStack.REBUILD_DATASET, "false",
        // one API key sends everything here: the per-key limits (600 a minute) would answer 429 instead of serving
        "FUNIT_RATE_LIMIT_PER_MINUTE", "1000000", "FUNIT_RATE_LIMIT_BURST", "100000");
    EmbeddedStack stack = EmbeddedStack.start(layout, Installation.locate(), env);
    try {
      ObjectStore store = new ObjectStore(S3Settings.from(stack.settings()));
      ModelRegistry registry = new ModelRegistry(store);
      String model = BenchModel.register(registry, preset);
      registry.setDefault(model);
      int size = io.funit.common.funit.config.Presets.get(preset).imageSize();
      MultipartForm form = form(size);
      ClosedLoopClients load = new ClosedLoopClients(URI.create(stack.gatewayUrl() + "/v1/translations"),
          stack.apiKey(), form.bytes(), form.contentType());
      return new ServedStack(stack, load, new ProcessCpu(stack));
    } catch (Exception | Error e) {
      stack.close();
      throw e;
    }
  }

  /**
   * Unmeasured load on a throwaway stack, so that the first mode finds this JVM (the broker's and the S3 server's
   * code) as warm as the later ones do: in 1-client runs whichever mode ran first was the slower, its broker and S3
   * server 1.6–2.7 ms of CPU a job dearer (docs/benchmarks.md, G1 and G2).
   */
  private void warmLauncher(int batch) throws Exception {
    try (ServedStack served = serve(batch)) {
      served.load().run(max(clients), Duration.ofSeconds(launcherWarmupSeconds));
      for (int n : clients) {
        served.load().run(n, Duration.ofSeconds(WarmUp.ROUND_SECONDS));
      }
    }
    System.err.println("bench serve: this JVM warmed up for " + launcherWarmupSeconds + " s");
  }

  private Map<String, Object> runMode(int batch) throws Exception {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("max_batch", batch);
    result.put("max_wait_ms", maxWaitMs);
    try (ServedStack served = serve(batch)) {
      EmbeddedStack stack = served.stack();
      ClosedLoopClients load = served.load();
      ProcessCpu cpu = served.cpu();
      // model load, connections, JIT: until the compilers are nearly idle, so that the levels measure a steady state;
      // at the busiest level's clients, whose bigger passes and fuller queues run code a lighter load does not (after
      // a warm-up at 8 clients the compilers still took 2.2 ms of CPU per job at 32)
      WarmUp.Done warm = new WarmUp(load, cpu, max(clients)).run(warmupSeconds, warmupMaxSeconds,
          warmupJitMsPerSecond);
      result.put("warmup_seconds", warm.seconds());
      result.put("warmup_jit_ms_per_second_last_round", TrainBenchmark.round(warm.lastJitMsPerSecond(), 1));
      System.err.println("bench serve warm-up: " + warm.seconds() + " s, the JIT compilers "
          + TrainBenchmark.round(warm.lastJitMsPerSecond(), 1) + " ms/s in the last round");
      List<Map<String, Object>> levels = new ArrayList<>();
      // per level, its CPU per job and its completed jobs: the idle share is taken out once it is measured
      List<Map.Entry<Map<String, Double>, Long>> idleShares = new ArrayList<>();
      StageTimes stages = new StageTimes(stack.workerUrls().get("translate-1"));
      for (int n : clients) {
        Map<String, Long> cpuBefore = cpu.snapshot();
        Map<String, Double> stagesBefore = stages.scrape();
        ClosedLoopClients.Result r = load.run(n, Duration.ofSeconds(seconds));
        Map<String, Long> cpuAfter = cpu.snapshot();
        Map<String, Double> stagesAfter = stages.scrape();
        Map<String, Object> level = new LinkedHashMap<>();
        level.put("clients", n);
        level.put("jobs", r.jobs());
        level.put("errors", r.errors());
        level.put("jobs_per_second", TrainBenchmark.round(r.jobs() / r.seconds(), 2));
        if (r.jobs() > 0) {
          level.put("latency_ms_p50", TrainBenchmark.round(Measurements.percentile(r.latencies(), 50) * 1000, 1));
          level.put("latency_ms_p95", TrainBenchmark.round(Measurements.percentile(r.latencies(), 95) * 1000, 1));
          level.put("latency_ms_p99", TrainBenchmark.round(Measurements.percentile(r.latencies(), 99) * 1000, 1));
        }
        // every answered job, those in flight at the end included: the CPU was spent on all of them
        Map<String, Double> cpuPerJob = ProcessCpu.perJob(cpuBefore, cpuAfter, r.clientCpuNanos(), r.completed());
        idleShares.add(Map.entry(cpuPerJob, (long) r.completed()));
        level.put("cpu_ms_per_job", cpuPerJob);
        level.put("images_per_pass", StageTimes.imagesPerPass(stagesBefore, stagesAfter));
        level.put("lone_pass_share", StageTimes.lonePassShare(stagesBefore, stagesAfter));
        Long worker = stack.childPids().get("translate-1");
        if (worker != null) { // issue 19 asks ≤ 1 GiB at 32 clients; the peak counts every level so far
          double[] rss = Measurements.rssMib(worker);
          level.put("translate_worker_rss_mib", TrainBenchmark.round(rss[0], 1));
          level.put("translate_worker_peak_rss_mib", TrainBenchmark.round(rss[1], 1));
        }
        if (r.jobs() > 0) {
          level.put("wall_ms_per_job", StageTimes.perJob(stagesBefore, stagesAfter,
              Arrays.stream(r.latencies()).average().orElse(Double.NaN) * 1000));
        }
        if (r.firstError() != null) {
          level.put("first_error", r.firstError().length() > 300 ? r.firstError().substring(0, 300) : r.firstError());
        }
        levels.add(level);
        System.err.println("bench serve max_batch=" + batch + ": " + Json.write(level));
      }
      // what the stack spends with no translation at all (polls, heartbeats, timers): a fixed cost per second, which
      // a faster worker spreads over more jobs; the levels' marginal figure leaves it out. Measured after the levels,
      // not before: after the 10 s idle spell the JIT compilers were busy again in the first level (99 ms of CPU a
      // second, against 14 in the warm-up's last round), code the idle spell had presumably deoptimised
      if (idleSeconds > 0) {
        Map<String, Long> idleBefore = cpu.snapshot();
        Thread.sleep(idleSeconds * 1000L);
        double idlePerSecond = ProcessCpu.perJob(idleBefore, cpu.snapshot(), 0, 1).get("outside_model_less_jit")
            / idleSeconds;
        result.put("idle_cpu_ms_per_second_outside_model_less_jit", TrainBenchmark.round(idlePerSecond, 2));
        for (Map.Entry<Map<String, Double>, Long> share : idleShares) {
          if (share.getValue() > 0) {
            share.getKey().put("outside_model_less_jit_and_idle", TrainBenchmark.round(
                share.getKey().get("outside_model_less_jit") - idlePerSecond * seconds / share.getValue(), 2));
          }
        }
      }
      result.put("levels", levels);
    }
    return result;
  }

  /** The model alone's sustained lanes throughput now, in images a second; 0 when not asked for. */
  private double sustainedReference() {
    if (referenceSeconds <= 0) {
      return 0;
    }
    return TranslateBenchmark.sustainedLanesImagesPerSecond(io.funit.common.funit.config.Presets.get(preset), k,
        Duration.ofSeconds(referenceSeconds));
  }

  /** One content glyph and K class glyphs of another style, as a browser or curl would send them. */
  private MultipartForm form(int size) throws Exception {
    MultipartForm form = new MultipartForm().file("content", "a.png", "image/png",
        BenchImages.glyph('a', size, java.awt.Font.PLAIN));
    String letters = "bcdefghijklmnopqrstuvwxyz";
    for (int j = 0; j < k; j++) {
      form.file("class", "class-" + j + ".png", "image/png",
          BenchImages.glyph(letters.charAt(j % letters.length()), size, java.awt.Font.BOLD | java.awt.Font.ITALIC));
    }
    return form;
  }

  private static int max(int[] values) {
    return Arrays.stream(values).max().orElse(1);
  }
}
