package io.funit.common.stargan.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.funit.common.funit.model.FunitBlock;
import io.funit.common.funit.model.Ops;

/**
 * PyTorch's {@code ConvTranspose2d(in, out, kernel_size=4, stride=2, padding=1, bias=False)}, StarGAN's upsampling,
 * with its weight layout (in, out, 4, 4). DJL 0.25's PyTorch engine has no transposed convolution, so it is computed
 * exactly as four convolutions, one per output pixel parity: output pixel (2i + a, 2j + b) sums the input's 2×2
 * neighbourhood starting at (i − 1 + a, j − 1 + b) against kernel taps (3 − a, 1 − a) × (3 − b, 1 − b). That is the
 * transposed convolution's own arithmetic (no multiplications by inserted zeros), and the backward comes from
 * autograd.
 */
public final class TransposedConv2x extends FunitBlock {
  private final Parameter weight;

  public TransposedConv2x(int in, int out) {
    this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(in, out, 4, 4)).build());
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray w = store.getValue(weight, x.getDevice(), training);
    Shape s = x.getShape();
    long h = s.get(2);
    long wide = s.get(3);
    NDArray padded = Ops.zeroPad(x, 1);
    NDList rows = new NDList(2);
    for (int a = 0; a < 2; a++) {
      NDList columns = new NDList(2);
      for (int b = 0; b < 2; b++) {
        NDArray window = padded.get(":, :, " + a + ":" + (a + h + 1) + ", " + b + ":" + (b + wide + 1));
        // taps 1 − a and 3 − a in that order, reversed: the window's first row meets tap 3 − a
        NDArray kernel = w.get(":, :, " + (1 - a) + ":4:2, " + (1 - b) + ":4:2").flip(2, 3).transpose(1, 0, 2, 3);
        columns.add(Conv2d.conv2d(window, kernel, null, new Shape(1, 1), new Shape(0, 0), new Shape(1, 1))
            .singletonOrThrow());
      }
      // (B, C, H, W, 2): the two column parities side by side, then flattened into 2W columns
      rows.add(NDArrays.stack(columns, 4).reshape(s.get(0), w.getShape().get(1), h, 2 * wide));
    }
    return new NDList(NDArrays.stack(rows, 3).reshape(s.get(0), w.getShape().get(1), 2 * h, 2 * wide));
  }
}
