package io.funit.common.funit.model;

/** How a convolution pads its input (spec G11): reflect in G and D, zero for the 1×1 layers. */
public enum Padding {
  ZERO, REFLECT
}
