package io.funit.deploy.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.funit.common.funit.config.FunitConfig;
import io.funit.common.funit.model.FunitNetworks;
import io.funit.common.funit.train.FunitTrainer;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Our training iteration against the PyTorch eager reference on the same architecture and batch, alternated in one
 * run (reference, ours, reference, ours, ...) because this machine's speed drifts between minutes: each round times
 * the reference in a fresh child process and then ours in this process, the same number of iterations after their
 * warm-ups. Peak RSS is each process's high-water mark: the reference's child, and this JVM with the launcher's
 * settings (it holds nothing else).
 */
final class VersusTorch {
  private VersusTorch() {}

  static Map<String, Object> run(FunitConfig config, int iterations, int warmup, int rounds, Path home)
      throws Exception {
    TorchTrainReference reference = new TorchTrainReference(home);
    reference.requireAvailable();
    List<Map<String, Object>> perRound = new ArrayList<>();
    List<Double> torchTimes = new ArrayList<>();
    List<Double> ourTimes = new ArrayList<>();
    double torchPeak = 0;
    String engine = "";
    try (NDManager data = NDManager.newBaseManager(); FunitNetworks nets = FunitNetworks.create(config, 1);
        FunitTrainer trainer = new FunitTrainer(nets)) {
      Random random = new Random(1);
      for (int i = 0; i < warmup; i++) {
        TrainBenchmark.step(trainer, data, config, random);
      }
      for (int round = 0; round < rounds; round++) {
        TorchTrainReference.Run torch = reference.run(config, iterations, warmup);
        engine = torch.engine();
        torchPeak = Math.max(torchPeak, torch.peakRssMib());
        double torchSeconds = median(torch.secondsPerIteration());
        List<Double> ours = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
          long start = System.nanoTime();
          TrainBenchmark.step(trainer, data, config, random);
          ours.add((System.nanoTime() - start) / 1e9);
        }
        double ourSeconds = median(ours);
        torchTimes.addAll(torch.secondsPerIteration());
        ourTimes.addAll(ours);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("torch_seconds_per_iteration", TrainBenchmark.round(torchSeconds, 4));
        r.put("ours_seconds_per_iteration", TrainBenchmark.round(ourSeconds, 4));
        r.put("time_ratio", TrainBenchmark.round(ourSeconds / torchSeconds, 3));
        perRound.add(r);
      }
    }
    double ourPeak = Measurements.rssMib()[1];
    double torchMedian = median(torchTimes);
    double ourMedian = median(ourTimes);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("reference", engine + " eager, tools/reference/funit_torch_train.py (R1 by double backward)");
    out.put("ours", "DJL " + Engine.getInstance().getVersion() + ", R1 " + config.loss().r1Method());
    out.put("jvm_options", ManagementFactory.getRuntimeMXBean().getInputArguments());
    out.put("iterations_per_round", iterations);
    out.put("rounds", perRound);
    out.put("torch_seconds_per_iteration", TrainBenchmark.round(torchMedian, 4));
    out.put("ours_seconds_per_iteration", TrainBenchmark.round(ourMedian, 4));
    out.put("time_ratio", TrainBenchmark.round(ourMedian / torchMedian, 3));
    out.put("torch_peak_rss_mib", TrainBenchmark.round(torchPeak, 1));
    out.put("ours_peak_rss_mib", TrainBenchmark.round(ourPeak, 1));
    out.put("rss_ratio", TrainBenchmark.round(ourPeak / torchPeak, 3));
    return out;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
