/**
 * FUNIT's networks as DJL blocks, one per paper module ({@link io.funit.common.funit.model.FewShotGenerator},
 * {@link io.funit.common.funit.model.MultiTaskPatchDiscriminator} and their parts), built from one
 * {@link io.funit.common.funit.model.Conv2dBlock} primitive. Child names are the official state_dict names.
 * Reference: shared/docs/funit-spec.md §1–§2.
 */
package io.funit.common.funit.model;
