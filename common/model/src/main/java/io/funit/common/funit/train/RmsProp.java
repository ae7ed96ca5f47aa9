package io.funit.common.funit.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.funit.common.funit.config.OptimizerConfig;
import io.funit.common.funit.weights.StateDictKeys;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PyTorch's RMSprop (no momentum, not centered), which DJL's PyTorch engine lacks (spec G8):
 * g ← grad + wd·θ; v ← α·v + (1−α)·g²; θ ← θ − lr·g / (√v + eps). The square averages v start at zero, live in
 * their own manager and are part of a checkpoint.
 */
public final class RmsProp implements AutoCloseable {
  private final OptimizerConfig config;
  private final Map<String, Parameter> parameters;
  private final Map<String, NDArray> squareAverages = new LinkedHashMap<>();
  private final NDManager manager;
  private double lrScale = 1;

  public RmsProp(Block block, OptimizerConfig config, NDManager parent) {
    this.config = config;
    this.parameters = StateDictKeys.of(block);
    this.manager = parent.newSubManager();
    // created eagerly, outside any per-step scope that would close them
    parameters.forEach((key, p) -> squareAverages.put(key, manager.zeros(p.getShape(), p.getArray().getDataType())));
  }

  /**
   * Multiplies the configured learning rate from the next step on, as a PyTorch scheduler sets a param group's lr.
   * Not part of a checkpoint: a schedule derives it from the run's progress.
   */
  public void setLearningRateScale(double scale) {
    if (!(scale >= 0 && scale <= 1)) {
      throw new IllegalArgumentException("learning-rate scale must be in [0, 1], got " + scale);
    }
    lrScale = scale;
  }

  /** Applies one update from the current gradients. Call outside a gradient collector. */
  public void step() {
    float alpha = (float) config.alpha();
    try (NoGrad noGrad = new NoGrad()) {
      parameters.forEach((key, parameter) -> update(parameter, squareAverages.get(key), alpha));
    }
  }

  /** PyTorch's rule: g ← grad + wd·θ; v ← αv + (1−α)g²; θ ← θ − lr·g/(√v + eps). */
  private void update(ai.djl.nn.Parameter parameter, NDArray v, float alpha) {
    NDArray theta = parameter.getArray();
    try (NDArray grad = theta.getGradient(); NDArray decay = theta.mul((float) config.weightDecay());
        NDArray g = grad.add(decay); NDArray g2 = g.square()) {
      v.muli(alpha).addi(g2.muli(1 - alpha));
      try (NDArray root = v.sqrt(); NDArray denominator = root.addi((float) config.eps());
          NDArray update = g.div(denominator)) {
        theta.subi(update.muli((float) (config.lr() * lrScale)));
      }
    }
  }

  /** The state v under the parameters' official keys (for checkpoints). */
  public Map<String, NDArray> state() {
    return squareAverages;
  }

  /** Restores the state from a checkpoint. */
  public void load(Map<String, NDArray> state, String prefix) {
    squareAverages.forEach((key, v) -> {
      NDArray saved = state.get(prefix + key);
      if (saved == null || !saved.getShape().equals(v.getShape())) {
        throw new IllegalArgumentException("optimizer state " + prefix + key + " missing or mis-shaped");
      }
      v.set(saved.toByteBuffer());
    });
  }

  @Override
  public void close() {
    manager.close();
  }
}
