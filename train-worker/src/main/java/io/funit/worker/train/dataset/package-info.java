/** The dataset job: builds a dataset (fonts, an upload or an S3 prefix) and publishes it under the job's id. */
package io.funit.worker.train.dataset;
