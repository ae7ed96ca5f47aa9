package io.funit.common.eval.judges;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * A judge: conv 3×3 → batch norm → ReLU stages (a stride-1 stem, then stride-2 stages down to 4×4), global average
 * pooling to the feature vector, and a linear classifier. Forward returns (logits (B, classes), features (B, F),
 * content map (B, C, h, w) of {@link JudgeConfig#mapStage}). Batch norm rather than instance norm: instance norm
 * removes per-image channel statistics, which is where much of a style lives, and a style judge needs them.
 */
public final class JudgeNet extends AbstractBlock {
  private final JudgeConfig config;
  /** The stages in order, children {@code stage0}, {@code stage1}, … */
  private final List<Block> stages = new ArrayList<>();
  /** The linear classifier on the pooled features. */
  private final Block head;

  public JudgeNet(JudgeConfig config) {
    this.config = config;
    for (int i = 0; i < config.widths().size(); i++) {
      stages.add(addChildBlock("stage" + i, stage(config.widths().get(i), i == 0 ? 1 : 2)));
    }
    this.head = addChildBlock("head", Linear.builder().setUnits(config.classes()).build());
  }

  public JudgeConfig config() {
    return config;
  }

  private static Block stage(int width, int stride) {
    return new SequentialBlock()
        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(stride, stride))
            .optPadding(new Shape(1, 1)).setFilters(width).optBias(false).build())
        .add(BatchNorm.builder().build())
        .add(Activation::relu);
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray x = downscale(inputs.singletonOrThrow());
    NDArray map = null;
    for (int i = 0; i < stages.size(); i++) {
      x = stages.get(i).forward(store, new NDList(x), training).singletonOrThrow();
      if (i == config.mapStage()) {
        map = x;
      }
    }
    Shape s = x.getShape();
    NDArray features = x.reshape(s.get(0), s.get(1), s.get(2) * s.get(3)).mean(new int[] {2});
    NDArray logits = head.forward(store, new NDList(features), training).singletonOrThrow();
    return new NDList(logits, features, map);
  }

  private NDArray downscale(NDArray x) {
    long side = x.getShape().get(2);
    while (side > config.inputSize()) {
      x = Pool.avgPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false, true);
      side /= 2;
    }
    return x;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape s = new Shape(inputShapes[0].get(0), inputShapes[0].get(1), config.inputSize(), config.inputSize());
    for (Block stage : stages) {
      stage.initialize(manager, dataType, s);
      s = stage.getOutputShapes(new Shape[] {s})[0];
    }
    head.initialize(manager, dataType, new Shape(s.get(0), s.get(1)));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long b = inputShapes[0].get(0);
    int side = config.inputSize() >> (config.mapStage());
    return new Shape[] {new Shape(b, config.classes()), new Shape(b, config.features()),
        new Shape(b, config.widths().get(config.mapStage()), side, side)};
  }
}
