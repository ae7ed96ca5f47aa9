package io.funit.common.eval.metrics;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The Fréchet distance between Gaussians fitted to two feature sets (FID's formula):
 * ‖μ₁ − μ₂‖² + tr(Σ₁ + Σ₂ − 2 (Σ₁^½ Σ₂ Σ₁^½)^½). The symmetric form keeps every matrix square root that of a
 * symmetric positive semi-definite matrix, taken by eigen-decomposition with negative round-off eigenvalues set to
 * zero, so it is defined even for singular covariances. Small sets still bias it upwards (a covariance estimated
 * from n samples has rank below n): callers reduce the features first ({@link FeaturePca}) and compare methods
 * only at equal sample counts.
 */
public final class FrechetDistance {
  private FrechetDistance() {}

  /** @param a n₁ samples of d features; @param b n₂ samples of the same d features (n₁, n₂ ≥ 2) */
  public static double of(double[][] a, double[][] b) {
    int d = a[0].length;
    double[] muA = mean(a);
    double[] muB = mean(b);
    double shift = 0;
    for (int i = 0; i < d; i++) {
      shift += (muA[i] - muB[i]) * (muA[i] - muB[i]);
    }
    RealMatrix sigmaA = covariance(a, muA);
    RealMatrix sigmaB = covariance(b, muB);
    RealMatrix rootA = sqrtPsd(sigmaA);
    RealMatrix middle = rootA.multiply(sigmaB).multiply(rootA);
    double traceRoot = 0;
    for (double lambda : new EigenDecomposition(symmetrize(middle)).getRealEigenvalues()) {
      traceRoot += Math.sqrt(Math.max(lambda, 0));
    }
    return Math.max(0, shift + sigmaA.getTrace() + sigmaB.getTrace() - 2 * traceRoot);
  }

  static double[] mean(double[][] x) {
    double[] mu = new double[x[0].length];
    for (double[] row : x) {
      for (int i = 0; i < mu.length; i++) {
        mu[i] += row[i] / x.length;
      }
    }
    return mu;
  }

  /** The unbiased sample covariance (n − 1). */
  static RealMatrix covariance(double[][] x, double[] mu) {
    int d = mu.length;
    double[][] s = new double[d][d];
    for (double[] row : x) {
      for (int i = 0; i < d; i++) {
        double di = row[i] - mu[i];
        for (int j = i; j < d; j++) {
          s[i][j] += di * (row[j] - mu[j]);
        }
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = i; j < d; j++) {
        s[i][j] /= Math.max(1, x.length - 1);
        s[j][i] = s[i][j];
      }
    }
    return new Array2DRowRealMatrix(s, false);
  }

  /** V·diag(√max(λ, 0))·Vᵀ of a symmetric matrix. */
  static RealMatrix sqrtPsd(RealMatrix m) {
    EigenDecomposition eigen = new EigenDecomposition(symmetrize(m));
    RealMatrix v = eigen.getV();
    double[] lambda = eigen.getRealEigenvalues();
    RealMatrix scaled = v.copy();
    for (int j = 0; j < lambda.length; j++) {
      double root = Math.sqrt(Math.max(lambda[j], 0));
      for (int i = 0; i < lambda.length; i++) {
        scaled.setEntry(i, j, v.getEntry(i, j) * root);
      }
    }
    return scaled.multiply(v.transpose());
  }

  /** (M + Mᵀ)/2: products of symmetric matrices are symmetric only up to round-off, and the solver checks. */
  private static RealMatrix symmetrize(RealMatrix m) {
    return m.add(m.transpose()).scalarMultiply(0.5);
  }
}
