package io.funit.common.storage;

/**
 * What the store knows of one object.
 *
 * @param key the object key
 * @param size bytes
 * @param sha256 lowercase hex SHA-256 of the content, as recorded when written (null for objects written by others)
 * @param contentType the MIME type
 */
public record ObjectInfo(String key, long size, String sha256, String contentType) {}
