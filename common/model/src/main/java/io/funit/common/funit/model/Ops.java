package io.funit.common.funit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.funit.common.funit.model.NormTensors.Kind;

/** Tensor operations FUNIT needs that DJL's PyTorch engine has no op for; all differentiable. */
public final class Ops {
  /** PyTorch's InstanceNorm2d and AdaIN epsilon, added to the variance inside the square root. */
  public static final float NORM_EPS = 1e-5f;

  private Ops() {}

  /**
   * x·factor, differentiable, with the factor in a tensor libtorch owns. DJL's {@code mul(Number)} wraps the number in
   * a tensor over a Java direct buffer and closes it at once; autograd saves that tensor for the backward, and once a
   * garbage collection has run between the forward and the backward, the backward multiplies by freed memory (the
   * gradient of x·3 came out as 1.8e-19 or 5.2e17: OwnedTensorsTest). Every scalar factor in a graph goes through
   * here.
   */
  public static NDArray scale(NDArray x, double factor) {
    try (NDArray owned = x.getManager().full(new Shape(), (float) factor, x.getDataType())) {
      return x.mul(owned);
    }
  }

  /**
   * ReflectionPad2d(p) on (B,C,H,W): mirrors without repeating the edge. libtorch's one-pass reflection_pad2d is not
   * in DJL 0.25's JNI; this is the mirrored columns, then rows, as one-wide slices (views) concatenated with the
   * tensor: one copy per axis, and a backward that narrows the output gradient and adds each line's gradient back
   * (OpsTest: values and gradients). It replaced two products with constant 0/1 matrices, which cost 2·H
   * multiply-adds per element: a font-64 training step at batch 8 is 14% shorter with it (docs/benchmarks.md,
   * "Reflect padding by slices"). Rejected before: flipped slices (a copy per flip, and 10–16% longer font-32
   * steps), advanced indexing and gathers (scatter-add backward).
   */
  public static NDArray reflectPad(NDArray x, int p) {
    if (p == 0) {
      return x;
    }
    Shape s = x.getShape();
    if (p >= s.get(2) || p >= s.get(3)) {
      throw new IllegalArgumentException("reflect padding " + p + " needs H and W above it, got " + s);
    }
    try (NDArray wide = mirrorEdges(x, 3, p)) {
      return mirrorEdges(wide, 2, p);
    }
  }

  /** {@code x} with its p lines beside each edge along {@code axis} mirrored outside it, the edge not repeated. */
  private static NDArray mirrorEdges(NDArray x, int axis, int p) {
    long n = x.getShape().get(axis);
    NDList pieces = new NDList(2 * p + 1);
    for (long i = p; i >= 1; i--) {
      pieces.add(line(x, axis, i));
    }
    pieces.add(x);
    for (long i = n - 2; i >= n - 1 - p; i--) {
      pieces.add(line(x, axis, i));
    }
    try {
      return NDArrays.concat(pieces, axis);
    } finally {
      pieces.stream().filter(piece -> piece != x).forEach(NDArray::close);
    }
  }

  /** The one-wide slice of {@code x} at index i along {@code axis}: a view, no copy. */
  private static NDArray line(NDArray x, int axis, long i) {
    return JniUtils.slice((PtNDArray) x, axis, i, i + 1, 1);
  }

  /** ZeroPad2d(p) on (B,C,H,W). */
  public static NDArray zeroPad(NDArray x, int p) {
    if (p == 0) {
      return x;
    }
    Shape s = x.getShape();
    NDArray side = x.getManager().zeros(new Shape(s.get(0), s.get(1), s.get(2), p), x.getDataType());
    NDArray wide = NDArrays.concat(new NDList(side, x, side), 3);
    NDArray cap = x.getManager().zeros(new Shape(s.get(0), s.get(1), p, s.get(3) + 2L * p), x.getDataType());
    return NDArrays.concat(new NDList(cap, wide, cap), 2);
  }

  /** Instance normalization: per sample and channel over H×W, biased variance (spec §1.1, G2). */
  public static NDArray instanceNorm(NDArray x) {
    long c = x.getShape().get(0) * x.getShape().get(1);
    return fusedInstanceNorm(x, NormTensors.of(Kind.ONES, c, x), NormTensors.of(Kind.ZEROS, c, x));
  }

  /**
   * PyTorch's fused batch norm over a (1, B·C, H, W) view in training mode is exactly instance norm with a per-sample
   * affine: the official AdaIN is written this way. One fused kernel (and one in backward) instead of seven.
   * The engine's running statistics are required arguments; kept scratch ones are passed (NormTensors).
   */
  private static NDArray fusedInstanceNorm(NDArray x, NDArray weight, NDArray bias) {
    Shape s = x.getShape();
    long c = s.get(0) * s.get(1);
    // JniUtils names its parameters (gamma, beta, mean, var) but the native order is (mean, var, gamma, beta)
    NDArray y = JniUtils.batchNorm((PtNDArray) x.reshape(1, c, s.get(2), s.get(3)),
        (PtNDArray) NormTensors.of(Kind.RUNNING_MEAN, c, x), (PtNDArray) NormTensors.of(Kind.RUNNING_VAR, c, x),
        (PtNDArray) weight, (PtNDArray) bias, true, 0.1, NORM_EPS);
    return y.reshape(s);
  }

  /** Mean over H×W of (B,C,H,W), kept as (B,C,1,1); the engine's mean takes a single axis. */
  public static NDArray spatialMean(NDArray x) {
    Shape s = x.getShape();
    return x.reshape(s.get(0), s.get(1), s.get(2) * s.get(3)).mean(new int[] {2}).reshape(s.get(0), s.get(1), 1, 1);
  }

  /** AdaIN: instance norm, then y = weight·x̂ + bias with per-sample (B,C) weight and bias (no 1+γ, spec §1.6). */
  public static NDArray adaIn(NDArray x, NDArray weight, NDArray bias) {
    long c = x.getShape().get(0) * x.getShape().get(1);
    return fusedInstanceNorm(x, weight.reshape(c), bias.reshape(c));
  }

  /**
   * Upsample ×2, nearest: every pixel becomes a 2×2 block. Columns are doubled, then rows, each as a broadcast view
   * copied once with a contiguous inner run (2 elements, then 2·W); the backward sums the broadcast copies. It
   * replaced libtorch 2.0.1's upsample_nearest2d (through DJL's interpolate), which ran several times slower than
   * PyTorch 1.13's at the decoder's shapes: translation 3-33% faster at batch 1 to 64, training unchanged
   * (docs/benchmarks.md, "Nearest upsampling by broadcasting").
   */
  public static NDArray upsampleNearest2x(NDArray x) {
    Shape s = x.getShape();
    long b = s.get(0);
    long c = s.get(1);
    long h = s.get(2);
    long w = s.get(3);
    try (NDArray column = x.reshape(b, c, h, w, 1);
        NDArray columns = column.broadcast(b, c, h, w, 2);
        NDArray wide = columns.reshape(b, c, h, 1, 2 * w);
        NDArray rows = wide.broadcast(b, c, h, 2, 2 * w)) {
      return rows.reshape(b, c, 2 * h, 2 * w);
    }
  }
}
