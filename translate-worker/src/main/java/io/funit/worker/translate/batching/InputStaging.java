package io.funit.worker.translate.batching;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Puts a pass's input floats into tensors that libtorch owns, through one direct buffer reused pass after pass. DJL's
 * {@code create(float[])} builds each tensor over a new direct buffer, freed only once the garbage collector finds
 * it: a translate worker at 32 clients held 115 MiB of them (NMT's "Other"), scattered through glibc's heap between
 * the passes' activations. One thread uses an instance (the batcher's).
 */
final class InputStaging {
  private ByteBuffer buffer = ByteBuffer.allocateDirect(0);

  /** A tensor of {@code shape} holding {@code data}, in {@code manager}, sharing no memory with this staging. */
  NDArray tensor(NDManager manager, float[] data, Shape shape) {
    int bytes = Math.multiplyExact(data.length, Float.BYTES);
    if (buffer.capacity() < bytes) {
      buffer = ByteBuffer.allocateDirect(bytes);
    }
    ByteBuffer staged = buffer.duplicate().order(ByteOrder.nativeOrder());
    staged.clear().limit(bytes);
    staged.asFloatBuffer().put(data);
    // a direct buffer becomes the tensor's memory (no copy); the duplicate is libtorch's own, and the staging view is
    // closed before the buffer is written again
    try (NDArray staging = manager.create(staged.slice().order(ByteOrder.nativeOrder()), shape, DataType.FLOAT32)) {
      return staging.duplicate();
    }
  }
}
