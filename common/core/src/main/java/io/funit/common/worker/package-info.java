/**
 * The worker runtime shared by every worker: a {@link io.funit.common.worker.JobHandler} per job type plugged
 * into {@link io.funit.common.worker.WorkerRuntime}, which owns polling (pause/resume, commit after the job),
 * job events, bounded retries, dead letters, cooperative cancel and hand-back on shutdown.
 */
package io.funit.common.worker;
