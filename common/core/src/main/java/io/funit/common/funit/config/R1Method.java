package io.funit.common.funit.config;

/** How the R1 penalty's gradient with respect to the discriminator's parameters is computed. */
public enum R1Method {
  /**
   * Double backward, as the official code does (create-graph backward, spec G9). Exact, but in DJL 0.25 every
   * parameter gradient then keeps a link to the previous iteration's graph (PyTorch's "reference cycle between
   * the parameter and its gradient"; DJL cannot reset .grad to None), so memory grows every iteration. For
   * verification and short runs only.
   */
  DOUBLE_BACKWARD,
  /**
   * The default, and equal to the double backward: g = ∂mean(D)/∂x from a plain backward, then
   * ∇θ(Σ‖g‖²/B) = (2/B)·∇θ(ġ) where ġ = ∇x mean(D)·g is computed in forward mode (each discriminator block's
   * {@code Tangent}, LeakyReLU slopes fixed as double backward treats them) and differentiated with a plain
   * backward. No create-graph backward, so memory stays flat.
   */
  TANGENT
}
