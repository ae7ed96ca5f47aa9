package io.funit.common.funit.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

/**
 * Base of FUNIT's blocks. Every parameter shape is known when a block is built (from the typed configuration),
 * so initialization needs no shape inference: children are initialized as they are. Output shapes, when DJL asks
 * for them, come from a forward pass on zeros.
 */
public abstract class FunitBlock extends AbstractBlock {
  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    for (Pair<String, Block> child : getChildren()) {
      child.getValue().initialize(manager, dataType, inputShapes);
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    try (NDManager scratch = NDManager.newBaseManager()) {
      NDList zeros = new NDList();
      for (Shape shape : inputShapes) {
        zeros.add(scratch.zeros(shape));
      }
      NDList out = forward(new ParameterStore(scratch, false), zeros, false);
      return out.getShapes();
    }
  }
}
