package io.funit.common.funit.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/** Gradient bookkeeping: DJL's PyTorch engine accumulates into .grad and never clears it by itself. */
public final class Gradients {
  private Gradients() {}

  public static void zero(Block block) {
    for (Pair<String, Parameter> parameter : block.getParameters()) {
      NDArray array = parameter.getValue().getArray();
      // getGradient returns a new handle on the grad tensor: close it, or handles pile up in the model manager
      try (NDArray gradient = array.getGradient()) {
        gradient.subi(gradient);
      }
    }
  }

  /** Stops (or restarts) autograd from computing gradients for the block's parameters. */
  public static void freeze(Block block, boolean frozen) {
    for (Pair<String, Parameter> parameter : block.getParameters()) {
      parameter.getValue().getArray().setRequiresGradient(!frozen);
    }
  }

  /** Sum of |grad| over the block's parameters; for tests of gradient isolation. */
  public static double absSum(Block block) {
    double sum = 0;
    for (Pair<String, Parameter> parameter : block.getParameters()) {
      try (NDArray gradient = parameter.getValue().getArray().getGradient(); NDArray abs = gradient.abs();
          NDArray total = abs.sum()) {
        sum += total.getFloat();
      }
    }
    return sum;
  }
}
