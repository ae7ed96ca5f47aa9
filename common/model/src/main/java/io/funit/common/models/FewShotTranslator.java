package io.funit.common.models;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

/**
 * What the translate and eval paths need from a model, whatever its family: content images to content codes, class
 * images to class codes (one per image; a K-shot code is the mean of K, {@link io.funit.common.funit.model.KShotCode}),
 * and a content code rendered in the look of a class code. Codes are plain arrays, so a class code can be computed
 * once, stored (a style) and reused, and many jobs' rows can share one pass. Inference only: no gradient, no
 * training mode.
 */
public interface FewShotTranslator {
  /** The side of the square images it takes and makes. */
  int imageSize();

  /** The length of one class code. */
  int classCodeSize();

  /** Content codes of (B, 3, S, S) images. */
  NDArray contentCode(ParameterStore parameters, NDArray images);

  /** Class codes (B, {@link #classCodeSize}) of (B, 3, S, S) images, one per image. */
  NDArray classCode(ParameterStore parameters, NDArray images);

  /** (B, 3, S, S) images: each content code rendered in the look of its row's class code. */
  NDArray decode(ParameterStore parameters, NDArray contentCodes, NDArray classCodes);
}
