/**
 * Imports users' class-folder data ({@code class/image} entries of a zip or tar archive, or objects under an S3
 * prefix) into the dataset format: every file is checked (safe path, size, format, dimensions, full decode)
 * before anything is kept, and every skipped file is reported with its reason.
 */
package io.funit.common.dataset.imports;
