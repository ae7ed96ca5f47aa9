/** Evaluation of trained models against ground truth (for glyph datasets, the true glyph of an unseen font). */
package io.funit.common.eval;
