/** The translate job: inputs read and checked, class codes of styles reused, the batcher's outputs stored. */
package io.funit.worker.translate.job;
