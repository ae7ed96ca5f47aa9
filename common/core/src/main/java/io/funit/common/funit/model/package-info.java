/**
 * FUNIT's networks as DJL blocks, one per paper module ({@code FewShotGenerator},
 * {@code MultiTaskPatchDiscriminator} and their parts), built from one
 * {@code Conv2dBlock} primitive. Child names are the official state_dict names.
 * Reference: shared/docs/funit-spec.md §1–§2. The blocks are in common/model (DJL); common/core holds this package's
 * model-free part, the K-shot mean (the configuration records are in {@code funit.config}).
 */
package io.funit.common.funit.model;
