package io.funit.common.storage;

import io.funit.common.config.S3Settings;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.http.Method;
import io.minio.messages.Item;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one way services read and write objects. Content is streamed from and to files, never held whole in
 * memory (except {@link #putBytes}/{@link #readBytes} for small JSON); every write records the content's SHA-256
 * as object metadata, and {@link #download} verifies it.
 */
public final class ObjectStore {
  static final String SHA256_METADATA = "sha256";
  private static final long PART_SIZE = 16L * 1024 * 1024;

  private final MinioClient client;
  private final String bucket;
  private final StoreCircuit circuit = new StoreCircuit();

  public ObjectStore(S3Settings settings) {
    this.client = MinioClients.create(settings);
    this.bucket = settings.bucket();
  }

  public String bucket() {
    return bucket;
  }

  /** Creates the bucket if it does not exist; safe to call from every service at start-up. */
  public void ensureBucket() {
    call("create bucket", bucket, () -> {
      if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
        try {
          client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        } catch (ErrorResponseException e) {
          // another service made it first
          if (!e.errorResponse().code().startsWith("BucketAlready")) {
            throw e;
          }
        }
      }
      return null;
    });
  }

  /** Whether the bucket answers; for readiness checks. */
  public boolean reachable() {
    try {
      return client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
    } catch (Exception e) {
      return false;
    }
  }

  /** Writes a file's content under the key, recording its SHA-256; the file is read twice, streaming. */
  public ObjectInfo put(String key, Path file, String contentType) {
    return call("put", key, () -> {
      String sha256 = Sha256.of(file);
      long size = Files.size(file);
      try (InputStream in = Files.newInputStream(file)) {
        client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
            .stream(in, size, size > PART_SIZE ? PART_SIZE : -1)
            .contentType(contentType)
            .userMetadata(Map.of(SHA256_METADATA, sha256))
            .build());
      }
      return new ObjectInfo(key, size, sha256, contentType);
    });
  }

  /** Writes a stream of unknown length: spooled to a temporary file first, so its checksum is known up front. */
  public ObjectInfo put(String key, InputStream content, String contentType) {
    Path spool = null;
    try {
      spool = Files.createTempFile("funit-put-", ".tmp");
      try (OutputStream out = Files.newOutputStream(spool)) {
        content.transferTo(out);
      }
      return put(key, spool, contentType);
    } catch (IOException e) {
      throw new StorageException("cannot spool object " + key + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(spool);
    }
  }

  public ObjectInfo putBytes(String key, byte[] content, String contentType) {
    return call("put", key, () -> {
      String sha256 = Sha256.of(content);
      client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
          .stream(new java.io.ByteArrayInputStream(content), content.length, -1)
          .contentType(contentType)
          .userMetadata(Map.of(SHA256_METADATA, sha256))
          .build());
      return new ObjectInfo(key, content.length, sha256, contentType);
    });
  }

  /**
   * Writes only if nothing is stored under the key yet, and returns what is stored. Outputs use it: their keys
   * derive from the job id, so a redelivered job finds its first result and never writes a second, different one.
   */
  public ObjectInfo putBytesIfAbsent(String key, byte[] content, String contentType) {
    return stat(key).orElseGet(() -> putBytes(key, content, contentType));
  }

  /**
   * Writes only if nothing is stored under the key, atomically on the server ({@code If-None-Match: *}): of two
   * concurrent writers exactly one gets {@code true}. AWS S3 and MinIO decide it atomically; S3Proxy (the embedded
   * stack) checks then writes, so there concurrent writers from two processes have a short window.
   *
   * @return whether this call wrote the object ({@code false}: something was already stored)
   */
  public boolean putBytesIfNoneMatch(String key, byte[] content, String contentType) {
    return call("conditional put", key, () -> {
      try {
        client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
            .stream(new java.io.ByteArrayInputStream(content), content.length, -1)
            .contentType(contentType)
            .headers(Map.of("If-None-Match", "*"))
            .userMetadata(Map.of(SHA256_METADATA, Sha256.of(content)))
            .build());
        return true;
      } catch (ErrorResponseException e) {
        // 412 when the object exists; AWS answers 409 when a concurrent conditional write is still in flight
        String code = e.errorResponse().code();
        if ("PreconditionFailed".equals(code) || "ConditionalRequestConflict".equals(code)) {
          return false;
        }
        throw e;
      }
    });
  }

  public ObjectInfo putIfAbsent(String key, Path file, String contentType) {
    return stat(key).orElseGet(() -> put(key, file, contentType));
  }

  public Optional<ObjectInfo> stat(String key) {
    return call("stat", key, () -> {
      try {
        StatObjectResponse stat = client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
        return Optional.of(new ObjectInfo(key, stat.size(), stat.userMetadata().get(SHA256_METADATA),
            stat.contentType()));
      } catch (ErrorResponseException e) {
        if (isMissing(e)) {
          return Optional.empty();
        }
        throw e;
      }
    });
  }

  /** A stream of the object's content; the caller closes it. */
  public InputStream open(String key) {
    return call("get", key, () -> client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()));
  }

  /** Streams the object into a file and verifies the SHA-256 recorded when it was written. */
  public ObjectInfo download(String key, Path target) {
    ObjectInfo info = stat(key).orElseThrow(() -> new StorageException("no object " + key + " in " + bucket, null));
    MessageDigest digest = Sha256.digest();
    try (InputStream in = new DigestInputStream(open(key), digest); OutputStream out = Files.newOutputStream(target)) {
      in.transferTo(out);
    } catch (IOException e) {
      throw new StorageException("cannot download " + key + ": " + e.getMessage(), e);
    }
    String actual = HexFormat.of().formatHex(digest.digest());
    if (info.sha256() != null && !info.sha256().equals(actual)) {
      deleteQuietly(target);
      throw new ChecksumMismatchException(key, info.sha256(), actual);
    }
    return new ObjectInfo(key, info.size(), actual, info.contentType());
  }

  /** The whole content of a small object, refused when larger than {@code maxBytes}. */
  public byte[] readBytes(String key, int maxBytes) {
    ObjectInfo info = stat(key).orElseThrow(() -> new StorageException("no object " + key + " in " + bucket, null));
    if (info.size() > maxBytes) {
      throw new ObjectTooLargeException("object " + key + " is " + info.size() + " bytes, more than " + maxBytes);
    }
    try (InputStream in = open(key)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new StorageException("cannot read " + key + ": " + e.getMessage(), e);
    }
  }

  /**
   * The content of a small object in one request (no stat first: the hot path of translations), or empty when
   * there is no such object. Refused when larger than {@code maxBytes}.
   */
  public Optional<byte[]> readIfPresent(String key, int maxBytes) {
    return call("get", key, () -> {
      try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
        byte[] bytes = in.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
          throw new ObjectTooLargeException("object " + key + " is more than " + maxBytes + " bytes");
        }
        return Optional.of(bytes);
      } catch (ErrorResponseException e) {
        if (isMissing(e)) {
          return Optional.empty();
        }
        throw e;
      }
    });
  }

  /** A small JSON object read into {@code type} (one request), or empty when there is no such object. */
  public <T> Optional<T> readJson(String key, Class<T> type, int maxBytes) {
    return readIfPresent(key, maxBytes).map(bytes -> {
      try {
        return io.funit.common.json.Json.MAPPER.readValue(bytes, type);
      } catch (IOException e) {
        throw new StorageException("cannot read " + key + " as " + type.getSimpleName() + ": " + e.getMessage(), e);
      }
    });
  }

  /** Keys and sizes under a prefix (checksums are not listed; {@link #stat} has them). */
  public List<ObjectInfo> list(String prefix) {
    return call("list", prefix, () -> {
      List<ObjectInfo> items = new ArrayList<>();
      for (Result<Item> result : client.listObjects(
          ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
        Item item = result.get();
        items.add(new ObjectInfo(item.objectName(), item.size(), null, null));
      }
      return items;
    });
  }

  public void delete(String key) {
    call("delete", key, () -> {
      client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
      return null;
    });
  }

  /** A URL that lets anyone GET the object until it expires; signed for this store's endpoint. */
  public String presignedGet(String key, Duration expiry) {
    return call("presign", key, () -> client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
        .method(Method.GET).bucket(bucket).object(key).expiry((int) expiry.toSeconds()).build()));
  }

  private static boolean isMissing(ErrorResponseException e) {
    String code = e.errorResponse().code();
    return "NoSuchKey".equals(code) || "NoSuchObject".equals(code) || "NotFound".equals(code);
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a leftover temp file is harmless
      }
    }
  }

  @FunctionalInterface
  private interface MinioCall<T> {
    T run() throws Exception;
  }

  private <T> T call(String operation, String key, MinioCall<T> body) {
    circuit.acquire(operation, bucket + "/" + key);
    Exception failure = null;
    try {
      return body.run();
    } catch (StorageException e) {
      failure = e.getCause() instanceof Exception cause ? cause : e;
      throw e;
    } catch (Exception e) {
      failure = e;
      String message = operation + " " + bucket + "/" + key + " failed: " + e;
      throw unavailable(e) ? new StorageUnavailableException(message, e) : new StorageException(message, e);
    } finally {
      circuit.record(failure);
    }
  }

  /**
   * Whether the failure is the store's, not the request's: no connection or a broken one (IOException from the
   * HTTP client), or a 5xx answer (S3's InternalError, ServiceUnavailable, SlowDown; a full disk answers so).
   */
  private static boolean unavailable(Exception e) {
    if (e instanceof IOException || e instanceof io.minio.errors.ServerException) {
      return true;
    }
    return e instanceof ErrorResponseException response && response.response() != null
        && response.response().code() >= 500;
  }
}
