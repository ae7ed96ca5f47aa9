package io.funit.common.funit.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.funit.common.funit.config.FunitConfig;
import io.funit.common.funit.config.LossConfig;
import io.funit.common.funit.config.OptimizerConfig;
import io.funit.common.funit.interop.OfficialWeights;
import io.funit.common.funit.interop.ReferenceCheck;
import io.funit.common.funit.model.FunitNetworks;
import io.funit.common.funit.weights.SafeTensors;
import io.funit.common.funit.weights.StateDictKeys;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One whole training iteration (D step with R1, G step, EMA) of ours against PyTorch's, from the same weights, batch
 * and optimizer state: tools/reference/funit_torch_train.py wrote the reference's parameter updates with R1 by double
 * backward (as the official code); ours runs with the R1 method the presets use. Every parameter's update must be
 * within 1e-3 of the reference's: the norm of the difference at most 1e-3 of the norm of the reference's update, plus
 * the norm of the parameter's float32 spacing (ulp) where it lands. The spacing term matters only where an update is
 * near the resolution of float32 weights: the EMA generator's (a thousandth of G's), and the biases of convolutions
 * followed by instance norm or AdaIN, whose loss gradient is zero (the normalisation removes it), so their update is
 * the weight decay's alone, about 1e-7 a weight, with 2-3% of it rounding in either implementation.
 *
 * <p>RMSprop's running average starts at a constant, not 0: from 0 the first step is lr·sign(g) for every element,
 * and the check would compare signs only.
 */
class TrainingParityTest {
  private static final Path WEIGHTS = Path.of("src/test/resources/reference/funit-tiny.safetensors");
  private static final Path REFERENCE = Path.of("src/test/resources/reference/funit-tiny-train-step.safetensors");
  private static final double TOLERANCE = 1e-3;

  @Test
  void oneIterationUpdatesEveryParameterAsPyTorchDoes() throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      SafeTensors.Contents reference = SafeTensors.read(REFERENCE, m);
      Map<String, String> meta = reference.metadata();
      ReferenceCheck.Architecture architecture = ReferenceCheck.architectureFromMetadata(WEIGHTS);
      OptimizerConfig optimizer = new OptimizerConfig(Double.parseDouble(meta.get("lr")),
          Double.parseDouble(meta.get("weight_decay")), Double.parseDouble(meta.get("alpha")),
          Double.parseDouble(meta.get("eps")));
      assertThat(optimizer).isEqualTo(OptimizerConfig.OFFICIAL);
      double emaBeta = Double.parseDouble(meta.get("ema_beta"));
      Map<String, NDArray> t = reference.tensors();
      NDArray xa = t.get("train.xa");
      FunitConfig config = new FunitConfig("parity", (int) xa.getShape().get(3), (int) xa.getShape().get(0),
          architecture.gen(), architecture.dis(), optimizer, optimizer, LossConfig.OFFICIAL, emaBeta, 0, 1);

      try (FunitNetworks nets = FunitNetworks.create(config, 1)) {
        OfficialWeights.load(nets, WEIGHTS);
        Map<String, float[]> genBefore = values(nets.gen());
        Map<String, float[]> disBefore = values(nets.dis());
        try (FunitTrainer trainer = new FunitTrainer(nets)) {
          float start = Float.parseFloat(meta.get("square_avg_start"));
          trainer.genOptimizer().state().values().forEach(v -> v.addi(start));
          trainer.disOptimizer().state().values().forEach(v -> v.addi(start));
          trainer.iterate(new TrainingBatch(xa, t.get("train.la"), t.get("train.xb"), t.get("train.lb")));
        }
        Map<String, Double> errors = new LinkedHashMap<>();
        errors.putAll(relativeErrors("gen", nets.gen(), genBefore, t, 1));
        errors.putAll(relativeErrors("dis", nets.dis(), disBefore, t, 1));
        errors.putAll(relativeErrors("gen_test", nets.genTest(), genBefore, t, 1 - emaBeta));

        assertThat(errors).hasSize(2 * StateDictKeys.of(nets.gen()).size() + StateDictKeys.of(nets.dis()).size());
        errors.forEach((key, error) -> assertThat(error).as(key).isLessThanOrEqualTo(TOLERANCE));
      }
    }
  }

  private static Map<String, float[]> values(Block block) {
    Map<String, float[]> values = new LinkedHashMap<>();
    StateDictKeys.of(block).forEach((key, p) -> values.put(key, p.getArray().toFloatArray()));
    return values;
  }

  /**
   * Per parameter, ‖Δours − scale·Δref‖ / (‖scale·Δref‖ + ‖ulp‖ / TOLERANCE), where ulp is the float32 spacing of
   * each weight after the update: at most TOLERANCE when the difference is within TOLERANCE of the reference's update
   * plus the rounding of the weights. {@code gen_test}'s expected update is (1 − β) of G's, as it started at G's.
   */
  private static Map<String, Double> relativeErrors(String net, Block block, Map<String, float[]> before,
      Map<String, NDArray> reference, double scale) {
    Map<String, Double> errors = new LinkedHashMap<>();
    String source = net.equals("gen_test") ? "gen" : net;
    for (Map.Entry<String, Parameter> entry : StateDictKeys.of(block).entrySet()) {
      NDArray expected = reference.get("delta." + source + "." + entry.getKey());
      assertThat(expected).as("reference update of %s.%s", source, entry.getKey()).isNotNull();
      float[] ref = expected.toFloatArray();
      float[] after = entry.getValue().getArray().toFloatArray();
      float[] old = before.get(entry.getKey());
      double diff = 0;
      double norm = 0;
      double spacing = 0;
      for (int i = 0; i < ref.length; i++) {
        double want = scale * ref[i];
        double got = (double) after[i] - old[i];
        diff += (got - want) * (got - want);
        norm += want * want;
        spacing += (double) Math.ulp(after[i]) * Math.ulp(after[i]);
      }
      assertThat(norm).as("%s.%s moves in the reference", net, entry.getKey()).isPositive();
      errors.put(net + "." + entry.getKey(), Math.sqrt(diff) / (Math.sqrt(norm) + Math.sqrt(spacing) / TOLERANCE));
    }
    return errors;
  }
}
