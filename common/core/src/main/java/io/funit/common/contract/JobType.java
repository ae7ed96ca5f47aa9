package io.funit.common.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * A kind of job, by its wire name ({@code translate}, {@code train}...): each has its own work topic, consumer group
 * and request record. Which types exist, and everything about each, is said by its descriptor
 * ({@code io.funit.common.jobs.JobDescriptor}, listed by {@code JobDescriptors}); this class only
 * names one. Instances are interned, so {@code ==} compares them, as it did when this was an enum.
 *
 * <p>Reading a message accepts any well-formed name: the work topic a record came from already says its type, and
 * a job event of a type this build does not know is kept, not dropped. Names that come from people (the API's path,
 * FUNIT_JOB_TYPES) are checked against the descriptors instead.
 */
public final class JobType implements Comparable<JobType> {
  private static final Pattern WIRE_NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
  private static final ConcurrentMap<String, JobType> NAMED = new ConcurrentHashMap<>();

  private final String wireName;

  private JobType(String wireName) {
    this.wireName = wireName;
  }

  /** The type of this wire name: lower-case letters, digits and dashes, at most 32. */
  @JsonCreator
  public static JobType named(String wireName) {
    if (wireName == null || !WIRE_NAME.matcher(wireName).matches()) {
      throw new InvalidRequestException("type", "'" + wireName + "' is not a job type name");
    }
    return NAMED.computeIfAbsent(wireName, JobType::new);
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  @Override
  public int compareTo(JobType other) {
    return wireName.compareTo(other.wireName);
  }

  @Override
  public String toString() {
    return wireName;
  }
}
