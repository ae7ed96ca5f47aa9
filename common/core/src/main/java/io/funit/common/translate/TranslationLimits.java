package io.funit.common.translate;

import io.funit.common.config.Settings;
import io.funit.common.dataset.imports.ImportLimits;

/**
 * Bounds on one translation request, checked by the gateway before anything is stored and again by the worker.
 *
 * @param maxContent FUNIT_TRANSLATE_MAX_CONTENT, content images per request (at most 64)
 * @param maxClassImages FUNIT_TRANSLATE_MAX_CLASS_IMAGES, K (at most 32)
 * @param maxImageBytes FUNIT_TRANSLATE_MAX_IMAGE_BYTES, one encoded image
 * @param maxPixels FUNIT_TRANSLATE_MAX_PIXELS, width × height of one image, read from the header before decoding
 */
public record TranslationLimits(int maxContent, int maxClassImages, long maxImageBytes, long maxPixels) {
  public static final TranslationLimits DEFAULT = new TranslationLimits(16, 32, 8L << 20, 16_000_000L);

  public static TranslationLimits from(Settings settings) {
    return new TranslationLimits(
        settings.integer("FUNIT_TRANSLATE_MAX_CONTENT", DEFAULT.maxContent, 1, TranslateRequest.MAX_CONTENT),
        settings.integer("FUNIT_TRANSLATE_MAX_CLASS_IMAGES", DEFAULT.maxClassImages, 1,
            TranslateRequest.MAX_CLASS_IMAGES),
        settings.longValue("FUNIT_TRANSLATE_MAX_IMAGE_BYTES", DEFAULT.maxImageBytes),
        settings.longValue("FUNIT_TRANSLATE_MAX_PIXELS", DEFAULT.maxPixels));
  }

  /** The same image checks as a dataset import, with this request's pixel limit and no minimum side. */
  public ImportLimits imageLimits() {
    ImportLimits d = ImportLimits.DEFAULT;
    return new ImportLimits(d.maxEntries(), maxImageBytes, d.maxTotalBytes(), maxPixels, 1, 1);
  }
}
