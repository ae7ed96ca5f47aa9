/**
 * What a job type is, in one place per type: {@link io.funit.common.jobs.JobDescriptor} (wire name, request record,
 * partitions, references, admission), found by {@link io.funit.common.jobs.JobDescriptors}. Model-free: the gateway
 * and every worker share it.
 */
package io.funit.common.jobs;
