package io.funit.common.funit.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.funit.common.funit.weights.StateDictKeys;
import java.util.Map;

/** The EMA generator update (spec §4): θ_ema ← β·θ_ema + (1−β)·θ, parameters only. */
public final class Ema {
  private Ema() {}

  public static void update(Block target, Block source, double beta) {
    Map<String, Parameter> targets = StateDictKeys.of(target);
    try (NoGrad noGrad = new NoGrad()) {
      StateDictKeys.of(source).forEach((key, parameter) -> {
        NDArray ema = targets.get(key).getArray();
        try (NDArray fresh = parameter.getArray().mul((float) (1 - beta))) {
          ema.muli((float) beta).addi(fresh);
        }
      });
    }
  }
}
