package io.funit.common.funit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/** Tensor operations FUNIT needs that DJL's PyTorch engine has no op for; all differentiable. */
public final class Ops {
  /** PyTorch's InstanceNorm2d and AdaIN epsilon, added to the variance inside the square root. */
  public static final float NORM_EPS = 1e-5f;
  /** The mode of DJL's native interpolate that is PyTorch's nearest-neighbour upsampling. */
  private static final int INTERPOLATE_NEAREST = 0;

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
   * A copy of {@code x} in memory libtorch owns, and {@code x} closed. For constants made from Java arrays that a graph
   * saves: see {@link #scale}; closing them as soon as a block returns (Intermediates) would otherwise leave the
   * backward reading a freed buffer.
   */
  static NDArray owned(NDArray x) {
    try (x) {
      return x.duplicate();
    }
  }

  /**
   * ReflectionPad2d(p) on (B,C,H,W): mirrors without repeating the edge. libtorch's one-pass reflection_pad2d is not
   * in DJL 0.25's JNI, so it is built from other ops, differently with and without a graph (equal values: OpsTest).
   */
  public static NDArray reflectPad(NDArray x, int p) {
    if (p == 0) {
      return x;
    }
    Shape s = x.getShape();
    if (p >= s.get(2) || p >= s.get(3)) {
      throw new IllegalArgumentException("reflect padding " + p + " needs H and W above it, got " + s);
    }
    return JniUtils.isGradMode() ? reflectPadByProducts(x, p) : reflectPadBySlices(x, p);
  }

  /**
   * For a graph: two products with constant 0/1 matrices, rows · x · columnsᵀ (a matrix product, then a batched one
   * over the B·C maps), whose row i picks the source of padded position i: exact in value and gradient (each output
   * is one input times 1), and the backward is two products. Measured alternatives in training (docs/benchmarks.md):
   * flipped slices and concatenation (every slice's gradient is a zero-filled full-size tensor: font-32 steps 10–16%
   * longer), advanced indexing (scatter-add backward, 25% longer), gather along W then H (font-64 as fast, font-32
   * 5–10% slower).
   */
  private static NDArray reflectPadByProducts(NDArray x, int p) {
    Shape s = x.getShape();
    int h = (int) s.get(2);
    int w = (int) s.get(3);
    long maps = s.get(0) * s.get(1);
    NDArray columns = owned(x.getManager().create(reflection(w, p), new Shape(w + 2L * p, w))).transpose();
    NDArray wide = x.reshape(maps, h, w).matMul(columns);
    // rows · wide as a batched product over a broadcast (stride-0) view of rows: matMul(rows, wide) would transpose
    // wide into a contiguous copy, and its backward a second one (in a font-32 profile, as long as the products)
    NDArray rows = owned(x.getManager().create(reflection(h, p), new Shape(h + 2L * p, h)))
        .broadcast(new Shape(maps, h + 2L * p, h));
    return rows.batchMatMul(wide).reshape(s.get(0), s.get(1), h + 2L * p, w + 2L * p);
  }

  /**
   * Without a graph (translation, evaluation, the D step's fakes): the mirrored columns, then rows, as one-wide slices
   * (views) concatenated with the tensor, one copy per axis. The products cost 2·H multiply-adds per element and
   * took 7–40× as long on the generator's shapes (3.3 ms against 0.21 ms for (1, 128, 32, 32) with p = 2;
   * docs/benchmarks.md, "Inference pads by copying").
   */
  private static NDArray reflectPadBySlices(NDArray x, int p) {
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

  /** The (n + 2p) × n 0/1 matrix whose row i picks the source of padded position i (the edge is not repeated). */
  private static float[] reflection(int n, int p) {
    float[] m = new float[(n + 2 * p) * n];
    for (int i = 0; i < n + 2 * p; i++) {
      int source = Math.abs(i - p);
      if (source >= n) {
        source = 2 * (n - 1) - source;
      }
      m[i * n + source] = 1f;
    }
    return m;
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
    try (NDArray ones = x.getManager().ones(new Shape(c)); NDArray zeros = x.getManager().zeros(new Shape(c))) {
      return fusedInstanceNorm(x, ones, zeros);
    }
  }

  /**
   * PyTorch's fused batch norm over a (1, B·C, H, W) view in training mode is exactly instance norm with a per-sample
   * affine: the official AdaIN is written this way. One fused kernel (and one in backward) instead of seven.
   * The engine's running statistics are required arguments; throwaway ones are passed.
   */
  private static NDArray fusedInstanceNorm(NDArray x, NDArray weight, NDArray bias) {
    Shape s = x.getShape();
    long c = s.get(0) * s.get(1);
    try (NDArray runningMean = x.getManager().zeros(new Shape(c)); NDArray runningVar = x.getManager().ones(new Shape(c))) {
      // JniUtils names its parameters (gamma, beta, mean, var) but the native order is (mean, var, gamma, beta)
      NDArray y = JniUtils.batchNorm((PtNDArray) x.reshape(1, c, s.get(2), s.get(3)), (PtNDArray) runningMean,
          (PtNDArray) runningVar, (PtNDArray) weight, (PtNDArray) bias, true, 0.1, NORM_EPS);
      return y.reshape(s);
    }
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

  /** Upsample ×2, nearest: every pixel becomes a 2×2 block. */
  public static NDArray upsampleNearest2x(NDArray x) {
    Shape s = x.getShape();
    // the engine's own upsample_nearest2d: one pass forward and one in backward, where repeating rows then columns
    // took two index_selects and two scatter-adds
    return JniUtils.interpolate((PtNDArray) x, new long[] {2 * s.get(2), 2 * s.get(3)}, INTERPOLATE_NEAREST, false);
  }
}
