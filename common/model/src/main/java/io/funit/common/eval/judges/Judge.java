package io.funit.common.eval.judges;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.funit.common.eval.report.EvaluationReport.JudgeSummary;
import io.funit.common.funit.train.NoGrad;

/**
 * A trained judge ready to score images: its network (parameters owned by {@code model}, closed with it) and what
 * it was measured to be worth.
 */
public final class Judge implements AutoCloseable {
  /** Images per forward pass: large enough for efficient kernels, small enough to stay in cache. */
  private static final int BATCH = 128;

  private final Model model;
  private final JudgeNet net;
  private final JudgeSummary summary;

  Judge(Model model, JudgeNet net, JudgeSummary summary) {
    this.model = model;
    this.net = net;
    this.summary = summary;
  }

  /**
   * @param logits (n, classes)
   * @param features (n, F), the pooled last stage
   * @param maps (n, C·h·w), the content map
   */
  public record Outputs(float[] logits, float[] features, float[] maps) {}

  public String name() {
    return summary.name();
  }

  public JudgeSummary summary() {
    return summary;
  }

  public JudgeConfig config() {
    return net.config();
  }

  JudgeNet net() {
    return net;
  }

  Model model() {
    return model;
  }

  /** Scores n images (n, 3, S, S) in [−1, 1], flattened; inference mode, no autograd graph. */
  public Outputs run(float[] images, int n) {
    JudgeConfig c = net.config();
    int stride = 3 * c.imageSize() * c.imageSize();
    int side = c.inputSize() >> c.mapStage();
    int mapSize = c.widths().get(c.mapStage()) * side * side;
    float[] logits = new float[n * c.classes()];
    float[] features = new float[n * c.features()];
    float[] maps = new float[n * mapSize];
    try (NoGrad noGrad = new NoGrad(); NDManager scope = model.getNDManager().newSubManager()) {
      ParameterStore store = new ParameterStore(scope, false);
      for (int from = 0; from < n; from += BATCH) {
        int b = Math.min(BATCH, n - from);
        try (NDManager batch = scope.newSubManager()) {
          float[] slice = java.util.Arrays.copyOfRange(images, from * stride, (from + b) * stride);
          NDList out = net.forward(store, new NDList(batch.create(slice, new Shape(b, 3, c.imageSize(),
              c.imageSize()))), false);
          System.arraycopy(out.get(0).toFloatArray(), 0, logits, from * c.classes(), b * c.classes());
          System.arraycopy(out.get(1).toFloatArray(), 0, features, from * c.features(), b * c.features());
          System.arraycopy(out.get(2).toFloatArray(), 0, maps, from * mapSize, b * mapSize);
        }
      }
    }
    return new Outputs(logits, features, maps);
  }

  @Override
  public void close() {
    model.close();
  }
}
