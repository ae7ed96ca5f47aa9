/**
 * Datasets: the immutable, id-addressed class-folder format shared by builders (fonts, uploads), the object store
 * and the training sampler. Layout of one dataset (a local directory or the prefix {@code datasets/{id}/}):
 * <pre>
 * manifest.json          {@link io.funit.common.dataset.DatasetManifest}; written last, so its presence marks a
 *                        complete dataset
 * classes/NNNNN.zip      one shard per class: its images as PNG/JPEG entries, stored uncompressed
 * contact-sheet.png      random classes × contents, for people
 * report.json            what the builder skipped, and why
 * </pre>
 * One shard per class keeps object counts small (300 objects instead of 18,600) and is the unit of the sampler's
 * local cache, so datasets larger than memory stream from the object store.
 */
package io.funit.common.dataset;
