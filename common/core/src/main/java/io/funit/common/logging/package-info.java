/**
 * Log context: the job a line was written for (MDC keys {@code job_id}, {@code job_type}, {@code attempt},
 * {@code worker_id}), carried into the threads that work for the job. The one logback configuration of every
 * process lives in this module's resources ({@code logback.xml}; {@code FUNIT_LOG_FORMAT=json|text}).
 */
package io.funit.common.logging;
