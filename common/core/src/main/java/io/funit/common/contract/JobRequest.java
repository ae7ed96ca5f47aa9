package io.funit.common.contract;

/**
 * The typed parameters of one job type. Implementations are records that validate themselves in their compact
 * constructor and throw {@link InvalidRequestException} naming the field, so a bad request fails at parse time.
 * Each lives with its type's descriptor ({@code io.funit.common.jobs.JobDescriptor#requestClass}).
 */
public interface JobRequest {}
