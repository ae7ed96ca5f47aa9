package io.funit.common.contract;

/**
 * Why a job failed or was retried.
 *
 * @param code a stable machine-readable reason: invalid_request, handler_failed, attempts_exhausted, unreadable_record
 * @param message what went wrong, for humans
 * @param deadLettered whether the work record was copied to the dead-letter topic
 */
public record JobError(String code, String message, boolean deadLettered) {}
