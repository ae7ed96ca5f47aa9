package io.funit.common.funit.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The 1-D tensors that instance normalization hands libtorch's fused batch norm besides its input: a weight of ones
 * and a bias of zeros where there is no affine, and the running statistics the kernel requires in training mode and
 * writes but nothing reads. Made once per kind, size (samples × channels) and device and kept for the process, like
 * the engine's own state: allocated per call they were 44 operators of each font-64 generator pass. Callers never
 * close them. Threads share them: the weights and biases are only read, and concurrent writes to the running
 * statistics are never read back.
 */
final class NormTensors {
  enum Kind { ONES, ZEROS, RUNNING_MEAN, RUNNING_VAR }

  /**
   * Distinct sizes kept at most: a process sees a few batch sizes times a few channel counts; past this bound (an
   * unusual mix of batch sizes) a tensor is made per call in the caller's manager instead.
   */
  private static final int MAX_KEPT = 256;
  private static final NDManager OWNER = NDManager.newBaseManager();
  private static final ConcurrentMap<Key, NDArray> KEPT = new ConcurrentHashMap<>();

  private record Key(Kind kind, long size, DataType type, Device device) {}

  private NormTensors() {}

  /** The tensor of {@code kind} with {@code size} elements, on {@code like}'s device and of its data type. */
  static NDArray of(Kind kind, long size, NDArray like) {
    Key key = new Key(kind, size, like.getDataType(), like.getDevice());
    NDArray kept = KEPT.get(key);
    if (kept != null) {
      return kept;
    }
    if (KEPT.size() >= MAX_KEPT) {
      return make(like.getManager(), key);
    }
    return KEPT.computeIfAbsent(key, k -> {
      NDArray made = make(OWNER, k);
      // an open NDScope (a block's temporaries: Intermediates) would otherwise close it with the pass that made it
      NDScope.unregister(made);
      return made;
    });
  }

  private static NDArray make(NDManager manager, Key key) {
    Shape shape = new Shape(key.size());
    boolean one = key.kind() == Kind.ONES || key.kind() == Kind.RUNNING_VAR;
    return one ? manager.ones(shape, key.type(), key.device()) : manager.zeros(shape, key.type(), key.device());
  }
}
