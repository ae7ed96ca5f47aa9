/**
 * The messages of the system: versioned JSON records for the work topics ({@link io.funit.common.contract.JobEnvelope}
 * with a typed {@link io.funit.common.contract.JobRequest}) and the job-event topic
 * ({@link io.funit.common.contract.JobEvent}). Readers ignore unknown fields; requests validate themselves.
 */
package io.funit.common.contract;
