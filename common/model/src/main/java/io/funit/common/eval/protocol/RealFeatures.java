package io.funit.common.eval.protocol;

import io.funit.common.eval.bank.ImageBank;
import io.funit.common.eval.judges.Judge;
import io.funit.common.eval.metrics.FeaturePca;
import java.util.ArrayList;
import java.util.List;

/**
 * The real images of every held-out class as the FID sees them: style_all's pooled features, projected on the
 * principal components of all held-out classes' real features together (at most {@code maxDims}, and fewer than
 * the smallest per-class sample count so that per-class covariances have full rank).
 */
final class RealFeatures {
  private final FeaturePca pca;
  private final List<double[][]> perClass;

  private RealFeatures(FeaturePca pca, List<double[][]> perClass) {
    this.pca = pca;
    this.perClass = perClass;
  }

  static RealFeatures of(Judge styleAll, ImageBank bank, List<Draws.ClassDraws> plan, int maxDims, int contents) {
    int features = styleAll.config().features();
    List<float[]> raw = new ArrayList<>();
    int smallest = contents;
    int total = 0;
    for (Draws.ClassDraws cd : plan) {
      int n = bank.count(cd.target().index());
      int[] ids = java.util.stream.IntStream.range(0, n).map(i -> bank.id(cd.target().index(), i)).toArray();
      raw.add(styleAll.run(bank.load(ids), n).features());
      smallest = Math.min(smallest, n);
      total += n;
    }
    double[][] pooled = new double[total][];
    int row = 0;
    for (float[] f : raw) {
      for (int i = 0; i < f.length / features; i++) {
        double[] x = new double[features];
        for (int j = 0; j < features; j++) {
          x[j] = f[i * features + j];
        }
        pooled[row++] = x;
      }
    }
    FeaturePca pca = FeaturePca.fit(pooled, Math.max(1, Math.min(maxDims, smallest - 1)));
    List<double[][]> perClass = new ArrayList<>();
    for (float[] f : raw) {
      double[][] projected = new double[f.length / features][];
      for (int i = 0; i < projected.length; i++) {
        projected[i] = pca.project(f, i);
      }
      perClass.add(projected);
    }
    return new RealFeatures(pca, perClass);
  }

  FeaturePca pca() {
    return pca;
  }

  /** The projected real features of the class at plan position {@code h}. */
  double[][] of(int h) {
    return perClass.get(h);
  }
}
