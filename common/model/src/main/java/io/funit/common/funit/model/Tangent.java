package io.funit.common.funit.model;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

/**
 * Forward-mode differentiation for the discriminator's blocks: given an input x and a direction ẋ, returns the
 * output y and its directional derivative ẏ = J(x)·ẋ. LeakyReLU's slope is taken from the primal pre-activation and
 * treated as constant, as reverse-mode double backward does (its second derivative is zero). The trainer uses it
 * for the R1 penalty's parameter gradient without a create-graph backward (see R1Method.TANGENT).
 */
public interface Tangent {
  /** Output and its directional derivative, as {@code [y, ẏ]}. */
  NDArray[] tangent(ParameterStore store, NDArray x, NDArray xDot, boolean training);

  /** ẏ of LeakyReLU(z) along ż: ż where z > 0, 0.2·ż elsewhere. */
  static NDArray leakyReluTangent(NDArray z, NDArray zDot) {
    return leakyReluTangent(z, zDot, Nonlinearity.LRELU_SLOPE);
  }

  /** ẏ of LeakyReLU(z) with negative slope {@code slope} along ż. */
  static NDArray leakyReluTangent(NDArray z, NDArray zDot, float slope) {
    return zDot.mul(z.gt(0).toType(zDot.getDataType(), false).mul(1 - slope).add(slope));
  }
}
