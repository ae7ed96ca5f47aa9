package io.funit.common.eval.metrics;

import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * A projection on the top principal components of a reference feature set. The per-class FID compares about as
 * many images as the judge has features (62 glyphs of a font against 128 features); in fewer dimensions than
 * samples the covariances have full rank and the distance is far less dominated by estimation noise.
 */
public final class FeaturePca {
  private final double[] mean;
  /** d × dims: the principal directions, strongest first. */
  private final double[][] basis;

  private FeaturePca(double[] mean, double[][] basis) {
    this.mean = mean;
    this.basis = basis;
  }

  /** Fits the top {@code dims} components of {@code reference} (n samples × d features, dims ≤ d). */
  public static FeaturePca fit(double[][] reference, int dims) {
    double[] mu = FrechetDistance.mean(reference);
    RealMatrix covariance = FrechetDistance.covariance(reference, mu);
    EigenDecomposition eigen = new EigenDecomposition(covariance.add(covariance.transpose()).scalarMultiply(0.5));
    double[] lambda = eigen.getRealEigenvalues();
    Integer[] order = new Integer[lambda.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(lambda[y], lambda[x]));
    int d = mu.length;
    int k = Math.min(dims, d);
    double[][] basis = new double[d][k];
    for (int j = 0; j < k; j++) {
      double[] v = eigen.getEigenvector(order[j]).toArray();
      for (int i = 0; i < d; i++) {
        basis[i][j] = v[i];
      }
    }
    return new FeaturePca(mu, basis);
  }

  public int dims() {
    return basis.length == 0 ? 0 : basis[0].length;
  }

  /** Row {@code row} of (n, d) features, flattened, in the principal coordinates. */
  public double[] project(float[] features, int row) {
    int d = mean.length;
    double[] out = new double[dims()];
    for (int i = 0; i < d; i++) {
      double x = features[row * d + i] - mean[i];
      for (int j = 0; j < out.length; j++) {
        out[j] += x * basis[i][j];
      }
    }
    return out;
  }
}
