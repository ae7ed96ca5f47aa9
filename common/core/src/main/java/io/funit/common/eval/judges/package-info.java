/**
 * The judges: small convolutional classifiers the evaluation trains on the dataset itself (the paper fine-tunes
 * ImageNet Inception-v3 networks instead), cached per dataset and image size. {@code style_all} knows every class,
 * {@code style_heldout} only the held-out classes, and for glyph datasets {@code content} reads the character.
 * {@code JudgeProvider} gives an evaluation its judges; {@code StoredJudges} keeps them in the object store (both in
 * common/model).
 */
package io.funit.common.eval.judges;
