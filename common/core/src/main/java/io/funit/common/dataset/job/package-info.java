/**
 * The dataset job type: its request ({@link io.funit.common.dataset.job.DatasetRequest}) and descriptor
 * ({@link io.funit.common.dataset.job.DatasetJob}). The train workers' handler lives in
 * {@code io.funit.worker.train.dataset}.
 */
package io.funit.common.dataset.job;
