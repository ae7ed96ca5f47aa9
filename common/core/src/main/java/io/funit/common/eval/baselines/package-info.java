/**
 * The baselines every evaluation reports beside the model, computed on the model's own draws (same content image,
 * same K class images): copying the content image, the class images' pixel mean, and the content image restyled
 * by matching its per-channel colour and intensity statistics to the class images'.
 */
package io.funit.common.eval.baselines;
