package io.funit.common.funit.model;

/** Normalization after a convolution (spec §1.1): none, instance norm without affine, or AdaIN. */
public enum Norm {
  NONE,
  /** Per-sample, per-channel normalization over H×W, biased variance, eps 1e-5, no learned affine. */
  INSTANCE,
  /** Instance norm followed by a per-sample scale and shift given as an input (spec §1.6). */
  ADAIN
}
