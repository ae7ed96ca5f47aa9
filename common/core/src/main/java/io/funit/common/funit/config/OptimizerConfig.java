package io.funit.common.funit.config;

/**
 * PyTorch's RMSprop settings (spec §4): g ← grad + wd·θ; v ← α·v + (1−α)·g²; θ ← θ − lr·g / (√v + eps).
 *
 * @param lr learning rate
 * @param weightDecay L2 weight decay added to the gradient
 * @param alpha smoothing constant of the squared-gradient average
 * @param eps added after the square root
 */
public record OptimizerConfig(double lr, double weightDecay, double alpha, double eps) {
  public static final OptimizerConfig OFFICIAL = new OptimizerConfig(1e-4, 1e-4, 0.99, 1e-8);

  public OptimizerConfig {
    if (lr <= 0 || weightDecay < 0 || alpha <= 0 || alpha >= 1 || eps <= 0) {
      throw new IllegalArgumentException("optimizer: need lr > 0, weight_decay ≥ 0, 0 < alpha < 1, eps > 0");
    }
  }

  public OptimizerConfig withLr(double value) {
    return new OptimizerConfig(value, weightDecay, alpha, eps);
  }
}
