package io.funit.worker.translate.job;

import io.funit.common.contract.InvalidRequestException;
import io.funit.common.glyphs.GlyphRow;
import io.funit.common.models.ContentFont;
import io.funit.common.models.ModelCard;
import io.funit.common.storage.ObjectStore;
import io.funit.common.translate.TranslateRequest;
import io.funit.common.translate.TranslationText;
import io.funit.common.worker.InvalidJobException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content of a text or alphabet translation: the characters to draw, and their glyphs from the model's content
 * font as model input. Each model's glyph row is read from the store once and kept (a few, least recently used
 * out: a row is a few hundred KB decoded).
 */
final class DrawnContent {
  private static final int MAX_ROW_BYTES = 16 << 20;
  private static final int CACHED_ROWS = 8;

  private final ObjectStore store;
  private final Map<String, GlyphRow> rows = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, GlyphRow> eldest) {
      return size() > CACHED_ROWS;
    }
  };

  DrawnContent(ObjectStore store) {
    this.store = store;
  }

  /** What to draw: the characters and their glyphs ({@code characters.size() · 3·S·S} values). */
  record Drawn(List<String> characters, float[] planes) {}

  /** The request's characters drawn with the card's content font; an uncovered character fails the job. */
  Drawn draw(TranslateRequest request, ModelCard card) {
    ContentFont font = card.contentFont();
    String field = request.text() != null ? "text" : "charset";
    if (font == null) {
      throw new InvalidJobException(field + ": model " + card.id() + " has no content font");
    }
    List<String> characters;
    if (request.text() != null) {
      try {
        TranslationText.requireCovered(request.text(), font, card.id());
      } catch (InvalidRequestException e) {
        throw new InvalidJobException("text: " + e.getMessage());
      }
      characters = TranslationText.glyphs(request.text());
    } else {
      characters = font.characters();
    }
    List<String> charset = font.characters();
    List<Integer> indices = new ArrayList<>(characters.size());
    characters.forEach(c -> indices.add(charset.indexOf(c)));
    return new Drawn(characters, row(card).planes(indices));
  }

  private GlyphRow row(ModelCard card) {
    synchronized (rows) {
      GlyphRow cached = rows.get(card.id());
      if (cached != null) {
        return cached;
      }
    }
    String key = card.contentFont().key();
    byte[] png = store.readIfPresent(key, MAX_ROW_BYTES).orElseThrow(() -> new InvalidJobException(
        "model " + card.id() + ": its content font's glyphs are not stored at " + key));
    GlyphRow row = GlyphRow.decode(png, card.imageSize());
    int characters = card.contentFont().characters().size();
    if (row.count() != characters) {
      throw new InvalidJobException("model " + card.id() + ": its content font has " + row.count() + " glyphs for "
          + characters + " characters");
    }
    synchronized (rows) {
      rows.put(card.id(), row);
    }
    return row;
  }
}
