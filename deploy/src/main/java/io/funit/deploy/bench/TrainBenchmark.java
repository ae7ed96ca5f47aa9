package io.funit.deploy.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.funit.common.funit.config.FunitConfig;
import io.funit.common.funit.config.Presets;
import io.funit.common.funit.model.FlopCounter;
import io.funit.common.funit.model.FunitNetworks;
import io.funit.common.funit.train.FunitTrainer;
import io.funit.common.dataset.sampler.FunitSampler;
import io.funit.common.funit.train.TrainingBatch;
import io.funit.common.json.Json;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./funit bench train}: seconds per FUNIT training iteration (D step, G step, EMA) on random images, the
 * model FLOPs of an iteration, the achieved rate over the same process's peak matmul rate, and memory.
 *
 * <p>Model FLOPs are the convolution and linear-layer FLOPs actually executed in an iteration, forward and backward
 * ({@code FlopCounter}); a graph backpropagated twice is counted once, so the ratio is a lower bound. {@code --ops}
 * checks the count against the gradients libtorch's trace shows the convolutions computing.
 */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Training speed of a preset.")
public final class TrainBenchmark implements Callable<Integer> {
  @Option(names = "--preset", defaultValue = "font-64", description = "Default: ${DEFAULT-VALUE}")
  String preset;

  @Option(names = "--batch", defaultValue = "8", description = "Default: ${DEFAULT-VALUE}")
  int batch;

  @Option(names = "--iterations", defaultValue = "20", description = "Timed iterations. Default: ${DEFAULT-VALUE}")
  int iterations;

  @Option(names = "--warmup", defaultValue = "3", description = "Untimed iterations first. Default: ${DEFAULT-VALUE}")
  int warmup;

  @Option(names = "--classes", defaultValue = "300", description = "Discriminator heads. Default: ${DEFAULT-VALUE}")
  int classes;

  @Option(names = "--gen-nf", description = "Override the generator's base channels")
  Integer genNf;

  @Option(names = "--dis-nf", description = "Override the discriminator's base channels")
  Integer disNf;

  @Option(names = "--dis-res-blks", description = "Override the discriminator's residual blocks (even)")
  Integer disResBlks;

  @Option(names = "--profile", description = "Also time the D step, G step and EMA update separately")
  boolean profile;

  @Option(names = "--ops", description = "Also profile this many iterations with libtorch's profiler: self time per"
      + " operator, and the ratio to peak the convolutions alone reach (the trace goes to --ops-trace)")
  int opsIterations;

  @Option(names = "--ops-trace", defaultValue = "funit-ops-trace.json", description = "Default: ${DEFAULT-VALUE}")
  Path opsTrace;

  @Option(names = "--versus-torch", description = "Alternate with the PyTorch eager reference of the same iteration "
      + "(tools/reference/funit_torch_train.py; needs Debian's python3-torch) and print both times, both peak RSS "
      + "figures and the ratios")
  boolean versusTorch;

  @Option(names = "--rounds", defaultValue = "3", description = "With --versus-torch: reference-then-ours rounds. "
      + "Default: ${DEFAULT-VALUE}")
  int rounds;

  @Option(names = "--dataset", description = "A local dataset directory (a build's folder, e.g. funit-data/s3/funit/"
      + "datasets/ID): also time iterations on its batches, drawn as a training draws them, alternated with random "
      + "ones in this process; the discriminator gets the dataset's training classes as heads")
  Path dataset;

  @Option(names = "--rss-at", split = ",", description = "Also report RSS after these iteration counts, e.g. 200,2000")
  int[] rssAt = new int[0];

  @Override
  public Integer call() throws Exception {
    FunitSampler real = dataset == null ? null : RealBatches.sampler(dataset, Presets.get(preset).imageSize(), batch);
    FunitConfig config = overridden(Presets.get(preset).withBatchSize(batch)
        .withNumClasses(real == null ? classes : real.numClasses()));
    if (versusTorch) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("preset", preset);
      out.put("batch", batch);
      out.put("architecture", TorchTrainReference.architecture(config));
      out.putAll(VersusTorch.run(config, iterations, warmup, rounds,
          Path.of(System.getProperty("funit.home", "."))));
      System.out.println(Json.write(out));
      return 0;
    }
    double peak = Measurements.peakMatmulGflops();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("preset", preset);
    out.put("batch", batch);
    out.put("image_size", config.imageSize());
    out.put("gen_nf", config.gen().nf());
    out.put("dis_nf", config.dis().nf());
    out.put("dis_res_blks", config.dis().nResBlks());
    try (NDManager data = NDManager.newBaseManager(); FunitNetworks nets = FunitNetworks.create(config, 1);
        FunitTrainer trainer = new FunitTrainer(nets)) {
      Random random = new Random(1);
      for (int i = 0; i < warmup; i++) {
        step(trainer, data, config, random);
      }
      FlopCounter.start();
      step(trainer, data, config, random);
      FlopCounter.stop();
      double modelFlops = FlopCounter.total();
      double backwardFlops = modelFlops - FlopCounter.forward();
      long start = System.nanoTime();
      for (int i = 0; i < iterations; i++) {
        step(trainer, data, config, random);
      }
      double secondsPerIteration = (System.nanoTime() - start) / 1e9 / iterations;
      // the best of a measurement before and one after: a busy moment on a shared machine lowers one of them
      peak = Math.max(peak, Measurements.peakMatmulGflops());
      double achieved = modelFlops / secondsPerIteration / 1e9;
      out.put("seconds_per_iteration", round(secondsPerIteration, 4));
      out.put("images_per_second", round(batch / secondsPerIteration, 2));
      out.put("model_gflop_per_iteration", round(modelFlops / 1e9, 3));
      out.put("achieved_gflops", round(achieved, 2));
      out.put("peak_matmul_gflops", round(peak, 2));
      out.put("ratio_to_peak", round(achieved / peak, 3));
      if (profile) {
        out.put("profile_seconds", profile(trainer, data, config, random));
      }
      long done = warmup + 1L + iterations;
      if (real != null) {
        out.put("dataset_alternated", RealBatches.alternated(trainer, real, () -> step(trainer, data, config, random),
            iterations));
        done += 2L * iterations;
      }
      if (profile) {
        done += profileRounds();
      }
      if (opsIterations > 0) {
        out.put("operators", operators(() -> step(trainer, data, config, random), modelFlops, backwardFlops, peak));
        done += opsIterations;
      }
      Map<String, Double> rss = new LinkedHashMap<>();
      for (int target : rssAt) {
        for (; done < target; done++) {
          step(trainer, data, config, random);
        }
        rss.put(Integer.toString(target), round(Measurements.rssMib()[0], 1));
      }
      if (!rss.isEmpty()) {
        out.put("rss_mib_after_iterations", rss);
      }
      double[] memory = Measurements.rssMib();
      out.put("rss_mib", round(memory[0], 1));
      out.put("peak_rss_mib", round(memory[1], 1));
    }
    System.out.println(Json.write(out));
    return 0;
  }

  /** The preset with the architecture overrides given on the command line, for choosing presets by measurement. */
  private FunitConfig overridden(FunitConfig base) {
    var g = base.gen();
    var d = base.dis();
    var gen = new io.funit.common.funit.config.GeneratorConfig(genNf == null ? g.nf() : genNf, g.nResBlks(), g.nfMlp(),
        g.latentDim(), g.nMlpBlks(), g.nDownsContent(), g.nDownsClass());
    var dis = new io.funit.common.funit.config.DiscriminatorConfig(disNf == null ? d.nf() : disNf,
        disResBlks == null ? d.nResBlks() : disResBlks, d.numClasses(), d.inPlaceActivation(), d.head());
    return new FunitConfig(base.preset(), base.imageSize(), base.batchSize(), gen, dis, base.genOpt(), base.disOpt(),
        base.loss(), base.emaBeta(), base.emaWarmup(), base.maxIter(), base.emaRamp(), base.classShots());
  }

  /**
   * Self seconds per iteration of the costliest operators, the convolutions' share of the iteration, and the ratio
   * to peak the iteration would reach if only its convolutions took time (they carry the model FLOPs).
   */
  private Map<String, Object> operators(Runnable iteration, double modelFlops, double backwardFlops, double peak) {
    OpProfile ops = OpProfile.record(iteration, opsIterations, opsTrace);
    double perIteration = ops.traceSeconds() / opsIterations;
    double convolution = ops.convolutionSeconds() / opsIterations;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("profiled_seconds_per_iteration", round(perIteration, 4));
    out.put("convolution_seconds_per_iteration", round(convolution, 4));
    out.put("convolution_share", round(convolution / perIteration, 3));
    // null when the trace holds no convolution (another engine build may name the operators differently)
    out.put("ratio_to_peak_if_only_convolutions", convolution > 0 ? round(modelFlops / convolution / 1e9 / peak, 3)
        : null);
    // the check of the count: every gradient the convolutions computed, against the gradient passes counted (linear
    // layers included); more traced than counted means a graph was backpropagated twice (R1's DOUBLE_BACKWARD)
    out.put("counted_gradient_gflop_per_iteration", round(backwardFlops / 1e9, 3));
    out.put("traced_convolution_gradient_gflop_per_iteration",
        round(ops.convolutionGradientFlops() / opsIterations / 1e9, 3));
    Map<String, Double> top = new LinkedHashMap<>();
    ops.top(15).forEach((name, seconds) -> top.put(name, round(seconds / opsIterations, 4)));
    out.put("top_self_seconds_per_iteration", top);
    return out;
  }

  /** Mean seconds of each part of an iteration, and the FLOP rate of each step. */
  private Map<String, Double> profile(FunitTrainer trainer, NDManager data, FunitConfig config, Random random) {
    double dis = 0;
    double gen = 0;
    double ema = 0;
    double disFlops = 0;
    double genFlops = 0;
    int rounds = profileRounds();
    for (int i = 0; i < rounds; i++) {
      try (NDManager m = data.newSubManager()) {
        TrainingBatch batch = batch(m, config, random);
        FlopCounter.start();
        long t0 = System.nanoTime();
        trainer.discriminatorStep(batch);
        long t1 = System.nanoTime();
        disFlops = FlopCounter.total();
        FlopCounter.start();
        trainer.generatorStep(batch);
        long t2 = System.nanoTime();
        genFlops = FlopCounter.total();
        FlopCounter.stop();
        trainer.emaStep();
        long t3 = System.nanoTime();
        dis += (t1 - t0) / 1e9;
        gen += (t2 - t1) / 1e9;
        ema += (t3 - t2) / 1e9;
      }
    }
    Map<String, Double> times = new LinkedHashMap<>();
    times.put("dis_step", round(dis / rounds, 4));
    times.put("gen_step", round(gen / rounds, 4));
    times.put("ema", round(ema / rounds, 4));
    times.put("dis_step_gflops", round(disFlops / (dis / rounds) / 1e9, 1));
    times.put("gen_step_gflops", round(genFlops / (gen / rounds) / 1e9, 1));
    return times;
  }

  private int profileRounds() {
    return Math.max(3, iterations / 2);
  }

  private static TrainingBatch batch(NDManager batch, FunitConfig config, Random random) {
    int b = config.batchSize();
    Shape images = new Shape(b, 3, config.imageSize(), config.imageSize());
    long[] la = new long[b];
    long[] lb = new long[b];
    for (int i = 0; i < b; i++) {
      la[i] = random.nextInt(config.dis().numClasses());
      lb[i] = random.nextInt(config.dis().numClasses());
    }
    return new TrainingBatch(batch.randomUniform(-1, 1, images), batch.create(la), batch.randomUniform(-1, 1, images),
        batch.create(lb));
  }

  static void step(FunitTrainer trainer, NDManager data, FunitConfig config, Random random) {
    try (NDManager batch = data.newSubManager()) {
      trainer.iterate(batch(batch, config, random));
    }
  }

  static double round(double value, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }
}
