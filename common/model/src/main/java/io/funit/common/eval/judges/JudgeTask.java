package io.funit.common.eval.judges;

/**
 * What one judge learns: image ids of an {@link io.funit.common.eval.bank.ImageBank} with their labels, split into the
 * images it trains on and those that measure it.
 *
 * @param name {@code style_all}, {@code style_heldout} or {@code content}
 * @param classes output classes
 * @param trainIds images trained on
 * @param trainLabels their classes
 * @param testIds images never trained on
 * @param testLabels their classes
 * @param description what the judge is, for the report
 */
public record JudgeTask(String name, int classes, int[] trainIds, int[] trainLabels, int[] testIds, int[] testLabels,
    String description) {}
