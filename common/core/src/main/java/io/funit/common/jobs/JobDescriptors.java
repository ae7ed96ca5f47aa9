package io.funit.common.jobs;

import io.funit.common.contract.InvalidRequestException;
import io.funit.common.contract.JobRequest;
import io.funit.common.contract.JobType;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The job types there are: every {@link JobDescriptor} on the classpath (registered with
 * {@code @AutoService(JobDescriptor.class)}), found once, in wire-name order. Every list of types (topics, metrics,
 * the gateway's routes and its FUNIT_JOB_TYPES, the workers' handlers) comes from here.
 */
public final class JobDescriptors {
  private static final List<JobDescriptor<?>> ALL = ServiceLoader.load(JobDescriptor.class).stream()
      .map(provider -> (JobDescriptor<?>) provider.get())
      .sorted(Comparator.comparing(JobDescriptor::type))
      .collect(Collectors.toUnmodifiableList());
  private static final Map<JobType, JobDescriptor<?>> BY_TYPE = ALL.stream()
      .collect(Collectors.toUnmodifiableMap(JobDescriptor::type, Function.identity()));

  private JobDescriptors() {}

  public static List<JobDescriptor<?>> all() {
    return ALL;
  }

  public static List<JobType> types() {
    return ALL.stream().map(JobDescriptor::type).toList();
  }

  public static Optional<JobDescriptor<?>> find(JobType type) {
    return Optional.ofNullable(BY_TYPE.get(type));
  }

  /** The descriptor of a type this build knows; a type without one is a programming error. */
  public static JobDescriptor<?> of(JobType type) {
    return find(type).orElseThrow(() -> new IllegalStateException("job type '" + type + "' has no descriptor"));
  }

  /**
   * The type of a name that came from a person (a path, a query, a setting): unknown names fail with the list of
   * known ones.
   *
   * @throws InvalidRequestException naming field {@code type}
   */
  public static JobType byWireName(String name) {
    String wanted = name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT);
    return ALL.stream().map(JobDescriptor::type).filter(type -> type.wireName().equals(wanted)).findFirst()
        .orElseThrow(() -> new InvalidRequestException("type", "unknown job type '" + name + "'; known: "
            + types().stream().map(JobType::wireName).toList()));
  }

  /** Turns an untrusted JSON tree into the type's request ({@link io.funit.common.contract.JobRequests#parse}). */
  public static JobRequest parse(JobType type, com.fasterxml.jackson.databind.JsonNode json) {
    return io.funit.common.contract.JobRequests.parse(of(type).requestClass(), json);
  }
}
