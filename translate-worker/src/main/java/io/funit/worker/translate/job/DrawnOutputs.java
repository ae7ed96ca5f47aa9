package io.funit.worker.translate.job;

import io.funit.common.glyphs.GlyphArchive;
import io.funit.common.glyphs.TextSheet;
import io.funit.common.imaging.ImageBytes;
import io.funit.common.imaging.ImagePlanes;
import io.funit.common.storage.ObjectStore;
import io.funit.common.translate.TranslateRequest;
import io.funit.common.translate.TranslationResult;
import io.funit.common.worker.JobContext;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores what a text or alphabet translation makes: one image per character ({@code glyph-{i}.png|jpg}), the sheet
 * ({@code sheet.png}: the text's lines, or the alphabet's grid) and the zip of the glyphs ({@code glyphs.zip}). The
 * keys are the job's, the same on a redelivery, and the bytes the same for the same translations.
 */
final class DrawnOutputs {
  static final String SHEET = "sheet.png";
  static final String ARCHIVE = "glyphs.zip";

  private DrawnOutputs() {}

  /** The stored outputs, sheet and zip; the result's other fields are the caller's. */
  record Stored(List<TranslationResult.Output> outputs, TranslationResult.StoredFile sheet,
      TranslationResult.StoredFile archive) {}

  static Stored store(ObjectStore store, JobContext context, TranslateRequest request, List<String> characters,
      float[] images, int size, boolean gray) {
    String format = request.outputFormat();
    String extension = format.equals("jpeg") ? "jpg" : "png";
    List<TranslationResult.Output> outputs = new ArrayList<>();
    List<GlyphArchive.Entry> entries = new ArrayList<>();
    Map<String, BufferedImage> glyphs = new LinkedHashMap<>();
    for (int i = 0; i < characters.size(); i++) {
      BufferedImage glyph = ImagePlanes.toImage(images, i, size, gray);
      byte[] bytes = ImageBytes.encode(glyph, format.equals("jpeg") ? "jpeg" : "png");
      String key = context.outputKey("glyph-" + i + "." + extension);
      store.putBytes(key, bytes, OutputImages.contentType(format));
      outputs.add(new TranslationResult.Output(i, key, null, OutputImages.contentType(format), characters.get(i)));
      entries.add(new GlyphArchive.Entry(characters.get(i), bytes));
      glyphs.put(characters.get(i), glyph);
    }
    BufferedImage sheet = request.text() != null ? TextSheet.text(request.text(), glyphs, size)
        : TextSheet.grid(new ArrayList<>(glyphs.values()), size);
    String sheetKey = context.outputKey(SHEET);
    store.putBytes(sheetKey, ImageBytes.png(sheet), "image/png");
    String archiveKey = context.outputKey(ARCHIVE);
    store.putBytes(archiveKey, GlyphArchive.zip(entries, extension), "application/zip");
    return new Stored(outputs, new TranslationResult.StoredFile(sheetKey, "image/png"),
        new TranslationResult.StoredFile(archiveKey, "application/zip"));
  }
}
