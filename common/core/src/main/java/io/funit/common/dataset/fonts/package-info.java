/**
 * The font-glyph dataset builder: class = font face, content = character. It fetches Debian font packages without
 * root ({@link io.funit.common.dataset.fonts.DebianFontFetcher}) or reads a folder of TTF/OTF/TTC/WOFF files,
 * drops unusable faces with a reason ({@link io.funit.common.dataset.fonts.FontCuration}), renders every character
 * as a grayscale PNG with one scale and baseline per font ({@link io.funit.common.dataset.fonts.GlyphRenderer}),
 * splits classes by family ({@link io.funit.common.dataset.fonts.FamilySplit}) and writes the result in the
 * {@link io.funit.common.dataset} layout ({@link io.funit.common.dataset.fonts.FontDatasetBuilder}).
 */
package io.funit.common.dataset.fonts;
