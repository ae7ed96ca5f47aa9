package io.funit.common.jobs;

import io.funit.common.contract.JobType;
import java.util.Objects;

/**
 * One thing a request names that a tenant owns, with the request field that names it (for the 400 when the caller
 * may not see it).
 *
 * @param jobType for {@link Kind#JOB}: the type the named job must have
 */
public record JobReference(String field, Kind kind, String id, JobType jobType) {
  /** What is named. */
  public enum Kind {
    /** A stored object, by key: filed under the job or style that owns it. */
    OBJECT,
    /** A dataset, by id (its dataset job's id, or one stored by hand). */
    DATASET,
    /** A registered model, by id (its training's id, or a public one). */
    MODEL,
    /** A stored style, by id. */
    STYLE,
    /** An earlier job of {@link JobReference#jobType}, by id. */
    JOB,
    /** A prefix of the bucket to import from: a tenant's own area only. */
    IMPORT_PREFIX
  }

  public JobReference {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.JOB) {
      Objects.requireNonNull(jobType, "jobType");
    }
  }

  public static JobReference object(String field, String key) {
    return new JobReference(field, Kind.OBJECT, key, null);
  }

  public static JobReference dataset(String field, String id) {
    return new JobReference(field, Kind.DATASET, id, null);
  }

  public static JobReference model(String field, String id) {
    return new JobReference(field, Kind.MODEL, id, null);
  }

  public static JobReference style(String field, String id) {
    return new JobReference(field, Kind.STYLE, id, null);
  }

  public static JobReference job(String field, JobType type, String id) {
    return new JobReference(field, Kind.JOB, id, type);
  }

  public static JobReference importPrefix(String field, String prefix) {
    return new JobReference(field, Kind.IMPORT_PREFIX, prefix, null);
  }

  /** A reference to nothing (an optional field left out) needs no check. */
  public boolean present() {
    return id != null;
  }
}
