package io.funit.common.funit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** The activations FUNIT uses (spec §1.1). */
public enum Nonlinearity {
  NONE, RELU, LRELU, TANH;

  /** LeakyReLU slope used everywhere in the discriminator. */
  public static final float LRELU_SLOPE = 0.2f;

  public NDArray apply(NDArray x) {
    return switch (this) {
      case NONE -> x;
      case RELU -> Activation.relu(x);
      case LRELU -> Activation.leakyRelu(x, LRELU_SLOPE);
      case TANH -> x.tanh();
    };
  }
}
