/**
 * The model registry: trained EMA generators under {@code models/{modelId}/} with their model cards. Readable by the
 * gateway (cards only: no libtorch needed) and by the workers that translate and evaluate.
 */
package io.funit.common.models;
