package io.funit.worker.translate.batching;

/**
 * A job's translations ({@code contentCount · 3·S·S} values in about [−1, 1]) and the class code they used, so
 * that a style's code can be stored for the next job.
 */
public record TranslationOutput(float[] images, float[] classCode) {}
