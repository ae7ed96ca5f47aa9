/** The probe job: a model-free diagnostic that exercises storage, events, retries and cancel end to end. */
package io.funit.common.worker.probe;
