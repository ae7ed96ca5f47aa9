package io.funit.common.dataset.imports;

import io.funit.common.config.Settings;

/**
 * Bounds on an import, so that an archive cannot exhaust disk, memory or time (zip bombs, pixel bombs).
 *
 * @param maxEntries FUNIT_IMPORT_MAX_ENTRIES, archive entries (files and folders) before the import is refused
 * @param maxEntryBytes FUNIT_IMPORT_MAX_ENTRY_BYTES, one file's uncompressed size; larger files are skipped
 * @param maxTotalBytes FUNIT_IMPORT_MAX_TOTAL_BYTES, all files' uncompressed size before the import is refused
 * @param maxPixels FUNIT_IMPORT_MAX_PIXELS, width × height of one image; larger images are skipped unread
 * @param minSide FUNIT_IMPORT_MIN_SIDE, the shorter side of an image; smaller images are skipped
 * @param minImagesPerClass FUNIT_IMPORT_MIN_IMAGES_PER_CLASS, classes with fewer usable images are left out
 */
public record ImportLimits(int maxEntries, long maxEntryBytes, long maxTotalBytes, long maxPixels, int minSide,
    int minImagesPerClass) {
  public static final ImportLimits DEFAULT = new ImportLimits(200_000, 32L << 20, 8L << 30, 40_000_000L, 16, 2);

  public static ImportLimits from(Settings settings) {
    return new ImportLimits(
        settings.integer("FUNIT_IMPORT_MAX_ENTRIES", DEFAULT.maxEntries, 1, Integer.MAX_VALUE),
        settings.longValue("FUNIT_IMPORT_MAX_ENTRY_BYTES", DEFAULT.maxEntryBytes),
        settings.longValue("FUNIT_IMPORT_MAX_TOTAL_BYTES", DEFAULT.maxTotalBytes),
        settings.longValue("FUNIT_IMPORT_MAX_PIXELS", DEFAULT.maxPixels),
        settings.integer("FUNIT_IMPORT_MIN_SIDE", DEFAULT.minSide, 1, 4096),
        settings.integer("FUNIT_IMPORT_MIN_IMAGES_PER_CLASS", DEFAULT.minImagesPerClass, 1, 10_000));
  }
}
