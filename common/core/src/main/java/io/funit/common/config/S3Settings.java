package io.funit.common.config;

/**
 * How services reach the object store (MinIO, S3, or the embedded S3Proxy).
 *
 * @param endpoint FUNIT_S3_ENDPOINT, e.g. http://127.0.0.1:9000
 * @param accessKey FUNIT_S3_ACCESS_KEY
 * @param secretKey FUNIT_S3_SECRET_KEY
 * @param bucket FUNIT_S3_BUCKET, the one bucket holding every prefix of the storage layout
 * @param region FUNIT_S3_REGION; set explicitly so the client never asks for the bucket location
 * @param connectTimeout FUNIT_S3_CONNECT_TIMEOUT_MS (5 s): how long to wait for a connection to the store
 * @param ioTimeout FUNIT_S3_TIMEOUT_MS (30 s): how long a read or write may make no progress. Both bound what a
 *     request waits for a store that is unreachable (a lost route drops packets: without a bound a call waits for
 *     TCP to give up, minutes), so that callers see {@code StorageUnavailableException} and answer 503 or wait.
 */
public record S3Settings(String endpoint, String accessKey, String secretKey, String bucket, String region,
    java.time.Duration connectTimeout, java.time.Duration ioTimeout) {
  public static final String DEFAULT_ENDPOINT = "http://127.0.0.1:9000";
  public static final String DEFAULT_KEY = "minioadmin";

  public S3Settings {
    if (!endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
      throw new IllegalArgumentException("FUNIT_S3_ENDPOINT must be an http(s) URL, got '" + endpoint + "'");
    }
    if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
      throw new IllegalArgumentException("FUNIT_S3_BUCKET '" + bucket + "' is not a valid S3 bucket name");
    }
  }

  public static S3Settings from(Settings settings) {
    return new S3Settings(
        settings.string("FUNIT_S3_ENDPOINT", DEFAULT_ENDPOINT),
        settings.string("FUNIT_S3_ACCESS_KEY", DEFAULT_KEY),
        settings.string("FUNIT_S3_SECRET_KEY", DEFAULT_KEY),
        settings.string("FUNIT_S3_BUCKET", "funit"),
        settings.string("FUNIT_S3_REGION", "us-east-1"),
        settings.millis("FUNIT_S3_CONNECT_TIMEOUT_MS", 5_000),
        settings.millis("FUNIT_S3_TIMEOUT_MS", 30_000));
  }

  public S3Settings withBucket(String otherBucket) {
    return new S3Settings(endpoint, accessKey, secretKey, otherBucket, region, connectTimeout, ioTimeout);
  }
}
