/**
 * The object store: one bucket over the MinIO client (MinIO, S3, or the embedded S3Proxy), a checked key
 * layout, SHA-256 checksums recorded on write and verified on download, and streaming in both directions.
 */
package io.funit.common.storage;
