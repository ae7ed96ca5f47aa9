/**
 * The evaluation protocol (spec §6, adapted; docs/evaluation.md): the draws (content images from training classes,
 * K class images of each held-out class, the true glyph for fonts), batched translation by the model, the
 * baselines on the same draws, the scores per K and method, and the sample grids.
 */
package io.funit.common.eval.protocol;
