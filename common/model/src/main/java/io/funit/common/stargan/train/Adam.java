package io.funit.common.stargan.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.funit.common.funit.train.NoGrad;
import io.funit.common.funit.weights.StateDictKeys;
import io.funit.common.stargan.config.AdamConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PyTorch's Adam ({@link AdamConfig}), no weight decay, not AMSGrad. DJL has an Adam, but it keeps its moments in
 * private maps: a checkpoint could not carry them, and a resumed training would restart its moments from zero. Here
 * the moments live in their own manager under the parameters' keys, with the step count, and are part of a
 * checkpoint.
 */
public final class Adam implements AutoCloseable {
  private final AdamConfig config;
  private final Map<String, Parameter> parameters;
  private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
  private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
  private final NDManager manager;
  private long steps;
  private double lrScale = 1;

  public Adam(Block block, AdamConfig config, NDManager parent) {
    this.config = config;
    this.parameters = StateDictKeys.of(block);
    this.manager = parent.newSubManager();
    parameters.forEach((key, p) -> {
      firstMoments.put(key, manager.zeros(p.getShape(), p.getArray().getDataType()));
      secondMoments.put(key, manager.zeros(p.getShape(), p.getArray().getDataType()));
    });
  }

  /** Multiplies the configured learning rate from the next step on (a schedule's decay). */
  public void setLearningRateScale(double scale) {
    if (!(scale >= 0 && scale <= 1)) {
      throw new IllegalArgumentException("learning-rate scale must be in [0, 1], got " + scale);
    }
    lrScale = scale;
  }

  /** Applies one update from the current gradients. Call outside a gradient collector. */
  public void step() {
    steps++;
    double lr = config.lr() * lrScale * Math.sqrt(1 - Math.pow(config.beta2(), steps))
        / (1 - Math.pow(config.beta1(), steps));
    // PyTorch adds eps to √v̂, not to √v: eps·√(1 − β₂ᵗ) here
    double eps = config.eps() * Math.sqrt(1 - Math.pow(config.beta2(), steps));
    try (NoGrad noGrad = new NoGrad()) {
      parameters.forEach((key, parameter) -> update(parameter.getArray(), firstMoments.get(key),
          secondMoments.get(key), lr, eps));
    }
  }

  private void update(NDArray theta, NDArray m, NDArray v, double lr, double eps) {
    float beta1 = (float) config.beta1();
    float beta2 = (float) config.beta2();
    try (NDArray g = theta.getGradient(); NDArray scaled = g.mul(1 - beta1); NDArray g2 = g.square()) {
      m.muli(beta1).addi(scaled);
      v.muli(beta2).addi(g2.muli(1 - beta2));
      try (NDArray root = v.sqrt(); NDArray denominator = root.addi((float) eps); NDArray update = m.div(denominator)) {
        theta.subi(update.muli((float) lr));
      }
    }
  }

  /** Updates applied so far (t in the bias correction). */
  public long steps() {
    return steps;
  }

  /** The moments under {@code m.}/{@code v.} and the parameters' keys, for checkpoints. */
  public Map<String, NDArray> state() {
    Map<String, NDArray> state = new LinkedHashMap<>();
    firstMoments.forEach((key, m) -> state.put("m." + key, m));
    secondMoments.forEach((key, v) -> state.put("v." + key, v));
    return state;
  }

  /** Restores the moments (keys under {@code prefix}) and the step count from a checkpoint. */
  public void load(Map<String, NDArray> state, String prefix, long stepCount) {
    state().forEach((key, moment) -> {
      NDArray saved = state.get(prefix + key);
      if (saved == null || !saved.getShape().equals(moment.getShape())) {
        throw new IllegalArgumentException("optimizer state " + prefix + key + " missing or mis-shaped");
      }
      moment.set(saved.toByteBuffer());
    });
    steps = stepCount;
  }

  @Override
  public void close() {
    manager.close();
  }
}
