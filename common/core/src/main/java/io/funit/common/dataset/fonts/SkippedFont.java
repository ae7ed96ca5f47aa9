package io.funit.common.dataset.fonts;

/**
 * A font face (or file) the builder left out, as listed in {@code report.json}.
 *
 * @param origin the font file (as recorded in the dataset)
 * @param face the face name, or null when the file could not be loaded
 * @param reason one of the {@link FontCuration} reason keys
 * @param detail what exactly was wrong
 */
public record SkippedFont(String origin, String face, String reason, String detail) {}
