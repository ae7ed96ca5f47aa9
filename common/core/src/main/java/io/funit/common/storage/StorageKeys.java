package io.funit.common.storage;

import java.util.regex.Pattern;

/**
 * The bucket's key layout (docs/architecture.md, "Storage layout"). Every key a service writes is built here,
 * from ids and file names that are checked, so no user-supplied name can escape its prefix.
 * <pre>
 * inputs/{jobId}/{name}              files uploaded with a job
 * outputs/{jobId}/{name}             a job's results; deterministic per job, so a redelivery rewrites nothing
 * datasets/{datasetId}/{path}        immutable datasets, addressed by id
 * checkpoints/{trainJobId}/{name}    training checkpoints
 * models/{modelId}/{name}            registered models and their cards
 * reports/{evalJobId}/{name}         evaluation reports
 * styles/{styleId}/{name}            stored styles: class images, style.json (last), class codes per model
 * judges/{datasetId}/{name}          evaluation judges (classifiers trained on a dataset), cached per dataset
 * idempotency/{principal}/{key}.json the first answer to a POST with an Idempotency-Key (both parts hashed)
 * </pre>
 */
public final class StorageKeys {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]{1,200}");

  private StorageKeys() {}

  public static String input(String jobId, String name) {
    return key("inputs", jobId, name);
  }

  public static String output(String jobId, String name) {
    return key("outputs", jobId, name);
  }

  public static String dataset(String datasetId, String path) {
    return key("datasets", datasetId, path);
  }

  public static String checkpoint(String trainJobId, String name) {
    return key("checkpoints", trainJobId, name);
  }

  public static String model(String modelId, String name) {
    return key("models", modelId, name);
  }

  public static String judge(String datasetId, String name) {
    return key("judges", datasetId, name);
  }

  public static String style(String styleId, String name) {
    return key("styles", styleId, name);
  }

  public static String report(String evalJobId, String name) {
    return key("reports", evalJobId, name);
  }

  /** The record of one idempotency key; both parts are hex SHA-256 digests, so no caller text reaches the key. */
  public static String idempotency(String principalDigest, String keyDigest) {
    return key("idempotency", principalDigest, keyDigest + ".json");
  }

  /** The prefix holding everything of one id under a top-level area, e.g. {@code outputs/<jobId>/}. */
  public static String prefix(String area, String id) {
    return area + "/" + id(id) + "/";
  }

  private static String key(String area, String id, String path) {
    return area + "/" + id(id) + "/" + path(path);
  }

  static String id(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("not a valid id for a storage key: '" + id + "'");
    }
    return id;
  }

  /** A relative path of safe segments: no empty, '.' or '..' segment, no leading slash, no odd characters. */
  static String path(String path) {
    if (path == null || path.isEmpty() || path.length() > 1000) {
      throw new IllegalArgumentException("not a valid object path: '" + path + "'");
    }
    for (String segment : path.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("not a valid object path: '" + path + "'");
      }
    }
    return path;
  }
}
