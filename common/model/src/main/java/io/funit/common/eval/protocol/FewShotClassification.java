package io.funit.common.eval.protocol;

import io.funit.common.dataset.DatasetClass;
import io.funit.common.dataset.DatasetManifest;
import io.funit.common.eval.ClassificationRequest;
import io.funit.common.eval.ShotSets;
import io.funit.common.eval.bank.ImageBank;
import io.funit.common.eval.bank.Progress;
import io.funit.common.eval.judges.Judge;
import io.funit.common.eval.report.EvaluationReport;
import io.funit.common.eval.report.EvaluationReport.ClassificationRow;
import io.funit.common.worker.InvalidJobException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Few-shot classification of the held-out classes with generated images (the FUNIT paper's §5.2). Per held-out
 * class: its K-set ({@link ShotSets}, nested over K) is the K real training images; its other pooled images are
 * the test images; and for each model, N images generated from source-class content images with that K-set are
 * added. A class's generated images at N are the first N of its draws, so the sets are nested over N as well, and
 * every model translates the same contents with the same K images.
 *
 * <p>Features are the {@code style_source} judge's (trained on the source classes only, so the held-out classes are
 * as new to it as to the model); the classifier is the nearest class mean by cosine (below).
 */
public final class FewShotClassification {
  /** How the classifier works, for the report. */
  public static final String CLASSIFIER = "nearest class mean by cosine similarity of the judge's L2-normalized "
      + "features (each class's mean over its K real and N generated images); the paper trains a linear classifier";
  private static final int CHUNK = 256;

  private FewShotClassification() {}

  /** One held-out class's images: its largest K-set in join order, its test images, the contents to translate. */
  private record ClassImages(DatasetClass target, int[] kSet, int[] testIds, Draws.ClassDraws draws) {}

  /**
   * Runs the classification for every model (each translating at every K).
   *
   * @param models the evaluated model and the baseline models of every K
   */
  public static EvaluationReport.Classification run(List<Protocol.Method> models, DatasetManifest dataset,
      ImageBank bank, Judge judge, ClassificationRequest request, long seed, Progress progress) {
    List<Integer> ks = request.k();
    int maxN = request.generated().get(request.generated().size() - 1);
    List<ClassImages> classes = plan(dataset, bank, ks, maxN, seed);
    int h = classes.size();
    // real features: per class, its largest K-set (the smaller sets are its prefixes) and its test images
    float[][][] shots = new float[h][][];
    float[][][] tests = new float[h][][];
    int testImages = 0;
    for (int c = 0; c < h; c++) {
      ClassImages images = classes.get(c);
      shots[c] = features(judge, bank, Arrays.stream(images.kSet())
          .map(i -> bank.id(images.target().index(), i)).toArray());
      tests[c] = features(judge, bank, images.testIds());
      testImages += images.testIds().length;
    }
    List<ClassificationRow> rows = new ArrayList<>();
    double[] realOnly = new double[ks.size()];
    for (int j = 0; j < ks.size(); j++) {
      realOnly[j] = accuracy(means(shots, ks.get(j), null, 0), tests);
      rows.add(new ClassificationRow(EvaluationReport.REAL_ONLY, ks.get(j), 0, realOnly[j], null));
    }
    boolean gray = "gray".equals(dataset.color());
    for (int m = 0; m < models.size(); m++) {
      Protocol.Method model = models.get(m);
      // per K, per class: the features of its maxN generated images
      float[][][][] generated = new float[ks.size()][h][][];
      for (int c = 0; c < h; c++) {
        try (Translator translator = new Translator(model.translator(), bank, gray, classes.get(c).draws(), -1)) {
          for (int j = 0; j < ks.size(); j++) {
            generated[j][c] = features(judge, translator.translate(classes.get(c).draws().draws(), j), maxN,
                bank.stride());
          }
        }
        progress.step((long) m * h + c + 1, (long) models.size() * h, "few-shot classification: " + model.name());
      }
      for (int j = 0; j < ks.size(); j++) {
        for (int n : request.generated()) {
          double accuracy = accuracy(means(shots, ks.get(j), generated[j], n), tests);
          rows.add(new ClassificationRow(model.name(), ks.get(j), n, accuracy, accuracy - realOnly[j]));
        }
      }
    }
    return new EvaluationReport.Classification(judge.summary(), CLASSIFIER, h, testImages, ks, request.generated(),
        rows);
  }

  /**
   * Per held-out class: the largest K-set, the test images (pooled images outside it), and {@code n} content draws
   * from random source classes, each with the class's K-set at every K.
   */
  private static List<ClassImages> plan(DatasetManifest dataset, ImageBank bank, List<Integer> ks, int n, long seed) {
    List<DatasetClass> train = dataset.split(DatasetManifest.SPLIT_TRAIN);
    int largest = ks.get(ks.size() - 1);
    List<ClassImages> plan = new ArrayList<>();
    List<DatasetClass> heldOut = dataset.split(DatasetManifest.SPLIT_TEST);
    for (int h = 0; h < heldOut.size(); h++) {
      DatasetClass target = heldOut.get(h);
      int pool = Math.min(ShotSets.pool(target), bank.count(target.index()));
      if (largest >= pool) {
        throw new InvalidJobException("classification.k: held-out class " + target.name() + " has " + pool
            + " images; K = " + largest + " leaves none to test on");
      }
      int[] order = ShotSets.order(target, seed);
      int[] kSet = Arrays.copyOf(order, largest);
      int[] testIds = Arrays.stream(order, largest, order.length).filter(i -> i < pool)
          .map(i -> bank.id(target.index(), i)).toArray();
      int[][] sets = ks.stream().map(k -> Arrays.stream(kSet, 0, k).map(i -> bank.id(target.index(), i)).toArray())
          .toArray(int[][]::new);
      SplittableRandom random = new SplittableRandom((seed ^ 0xC1A55L) * 1_000_003L + target.index());
      List<Draws.Draw> draws = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        DatasetClass source = train.get(random.nextInt(train.size()));
        int content = bank.id(source.index(), random.nextInt(bank.count(source.index())));
        draws.add(new Draws.Draw(content, -1, -1, sets));
      }
      plan.add(new ClassImages(target, kSet, testIds, new Draws.ClassDraws(target, h, draws)));
    }
    return plan;
  }

  /** The judge's L2-normalized features of bank images, one row each. */
  private static float[][] features(Judge judge, ImageBank bank, int[] ids) {
    float[][] out = new float[ids.length][];
    for (int from = 0; from < ids.length; from += CHUNK) {
      int[] chunk = Arrays.copyOfRange(ids, from, Math.min(ids.length, from + CHUNK));
      float[][] rows = features(judge, bank.load(chunk), chunk.length, bank.stride());
      System.arraycopy(rows, 0, out, from, rows.length);
    }
    return out;
  }

  /** The judge's L2-normalized features of {@code n} images (n, 3, S, S), one row each. */
  private static float[][] features(Judge judge, float[] images, int n, int stride) {
    float[][] out = new float[n][];
    for (int from = 0; from < n; from += CHUNK) {
      int b = Math.min(CHUNK, n - from);
      float[] all = judge.run(Arrays.copyOfRange(images, from * stride, (from + b) * stride), b).features();
      int dims = all.length / b;
      for (int i = 0; i < b; i++) {
        out[from + i] = normalized(Arrays.copyOfRange(all, i * dims, (i + 1) * dims));
      }
    }
    return out;
  }

  /** Per class, the normalized mean of its first {@code k} real and first {@code n} generated features. */
  private static float[][] means(float[][][] shots, int k, float[][][] generated, int n) {
    float[][] means = new float[shots.length][];
    for (int c = 0; c < shots.length; c++) {
      float[] sum = new float[shots[c][0].length];
      for (int i = 0; i < k; i++) {
        add(sum, shots[c][i]);
      }
      for (int i = 0; i < n; i++) {
        add(sum, generated[c][i]);
      }
      means[c] = normalized(sum);
    }
    return means;
  }

  /** Top-1 accuracy of the nearest mean (cosine: every vector is normalized) over every test image. */
  private static double accuracy(float[][] means, float[][][] tests) {
    long right = 0;
    long total = 0;
    for (int c = 0; c < tests.length; c++) {
      for (float[] x : tests[c]) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int m = 0; m < means.length; m++) {
          double score = dot(x, means[m]);
          if (score > bestScore) {
            bestScore = score;
            best = m;
          }
        }
        right += best == c ? 1 : 0;
        total++;
      }
    }
    return total == 0 ? 0 : (double) right / total;
  }

  private static void add(float[] sum, float[] x) {
    for (int d = 0; d < sum.length; d++) {
      sum[d] += x[d];
    }
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int d = 0; d < a.length; d++) {
      s += a[d] * b[d];
    }
    return s;
  }

  private static float[] normalized(float[] x) {
    double norm = Math.sqrt(dot(x, x));
    if (norm > 0) {
      for (int d = 0; d < x.length; d++) {
        x[d] /= norm;
      }
    }
    return x;
  }
}
