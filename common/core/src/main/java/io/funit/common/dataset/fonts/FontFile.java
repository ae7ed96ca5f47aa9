package io.funit.common.dataset.fonts;

import java.nio.file.Path;

/**
 * One font file to consider.
 *
 * @param path where the file is on disk
 * @param origin the path recorded in the dataset: relative to the cache directory for fetched packages, absolute
 *     for folder input
 * @param packageName the Debian package that shipped it; null for folder input
 * @param file the path inside the package ({@code usr/share/fonts/...}) or inside the input folder
 * @param style a style guess (serif, sans, script/handwriting, ...) from the curated lists; null when unknown
 */
public record FontFile(Path path, String origin, String packageName, String file, String style) {}
