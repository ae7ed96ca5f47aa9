/**
 * Glyphs of font models outside training: the content font a model draws text with (chosen from its training
 * split, stored as one row of glyphs), and what text and alphabet translations make of their outputs (a composed
 * sheet, a zip).
 */
package io.funit.common.glyphs;
