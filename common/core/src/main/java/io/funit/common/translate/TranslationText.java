package io.funit.common.translate;

import io.funit.common.contract.InvalidRequestException;
import io.funit.common.models.ContentFont;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The text of a text translation, as code points: line breaks kept ({@code \r\n} and {@code \r} become
 * {@code \n}), spaces and tabs are blank advances, every other character is a glyph of the model's content font.
 */
public final class TranslationText {
  /** The longest text, in characters (code points). */
  public static final int MAX_CHARACTERS = 256;

  private TranslationText() {}

  /** Line breaks normalised; a control character (other than a line break or tab) or an empty text is refused. */
  static String normalise(String text) {
    String normalised = text.replace("\r\n", "\n").replace('\r', '\n');
    List<String> characters = characters(normalised);
    if (characters.size() > MAX_CHARACTERS) {
      throw new InvalidRequestException("text", "at most " + MAX_CHARACTERS + " characters, got "
          + characters.size());
    }
    for (int i = 0; i < characters.size(); i++) {
      int cp = characters.get(i).codePointAt(0);
      if (Character.isISOControl(cp) && cp != '\n' && cp != '\t') {
        throw new InvalidRequestException("text", "position " + i + ": control character " + describe(cp)
            + " (only line breaks and tabs are allowed)");
      }
    }
    if (glyphs(normalised).isEmpty()) {
      throw new InvalidRequestException("text", "must hold at least one character that is not a space");
    }
    return normalised;
  }

  /** One string per code point, in order. */
  public static List<String> characters(String text) {
    List<String> characters = new ArrayList<>();
    text.codePoints().forEach(cp -> characters.add(Character.toString(cp)));
    return characters;
  }

  /** Whether a character is drawn as a blank advance or a line break rather than a glyph. */
  public static boolean isBlank(String character) {
    return Character.isWhitespace(character.codePointAt(0)) || Character.isSpaceChar(character.codePointAt(0));
  }

  /** The characters that need a glyph, each once, in order of first appearance. */
  public static List<String> glyphs(String text) {
    LinkedHashSet<String> glyphs = new LinkedHashSet<>();
    for (String character : characters(text)) {
      if (!isBlank(character)) {
        glyphs.add(character);
      }
    }
    return List.copyOf(glyphs);
  }

  /** Refuses, naming its position, the first character of {@code text} that {@code font} has no glyph for. */
  public static void requireCovered(String text, ContentFont font, String modelId) {
    List<String> charset = font.characters();
    List<String> characters = characters(text);
    for (int i = 0; i < characters.size(); i++) {
      String character = characters.get(i);
      if (!isBlank(character) && !charset.contains(character)) {
        throw new InvalidRequestException("text", "position " + i + ": " + describe(character.codePointAt(0))
            + " is not in the charset of model " + modelId + " (" + charset.size() + " characters: "
            + font.charset() + ")");
      }
    }
  }

  static String describe(int codePoint) {
    String hex = String.format("U+%04X", codePoint);
    return Character.isISOControl(codePoint) ? hex : "'" + Character.toString(codePoint) + "' (" + hex + ")";
  }
}
