package io.funit.common.dataset.fonts;

import java.util.List;
import java.util.Map;

/**
 * The builder's {@code report.json}: what went in, what came out, and every face left out with its reason.
 *
 * @param id the dataset id
 * @param source the preset name or the input folder
 * @param contents the rendered characters
 * @param fontsConsidered faces found in the input
 * @param trainClasses classes in train
 * @param testClasses classes in test
 * @param skippedByReason counts per reason key, sorted by key
 * @param skipped every skipped face, sorted by origin
 */
public record FontBuildReport(String id, String source, List<String> contents, int fontsConsidered,
    int trainClasses, int testClasses, Map<String, Integer> skippedByReason, List<SkippedFont> skipped) {}
