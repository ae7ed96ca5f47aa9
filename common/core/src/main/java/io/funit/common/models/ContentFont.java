package io.funit.common.models;

import java.util.ArrayList;
import java.util.List;

/**
 * The face a font model draws text with: a plain face of its training split, chosen when the model is registered
 * and stored with it, so text and alphabet translations need neither the training dataset nor the font package.
 * Its glyphs are one gray PNG row, {@code models/{id}/content-font.png}: the glyph of the i-th character of
 * {@code charset} at x = i·S.
 *
 * @param face the font face's name (a class of the training split)
 * @param charset the characters it has glyphs for, in atlas order (the training dataset's contents)
 * @param key the object holding the glyph row
 * @param reason why this face was chosen (how plain and how typical it is), for the card's reader
 */
public record ContentFont(String face, String charset, String key, String reason) {
  public static final String FILE = "content-font.png";

  public ContentFont {
    if (face == null || charset == null || charset.isEmpty() || key == null) {
      throw new IllegalArgumentException("a content font needs a face, a charset and a key");
    }
  }

  /** The characters, one string per code point, in atlas order. */
  public List<String> characters() {
    List<String> characters = new ArrayList<>();
    charset.codePoints().forEach(cp -> characters.add(Character.toString(cp)));
    return characters;
  }
}
