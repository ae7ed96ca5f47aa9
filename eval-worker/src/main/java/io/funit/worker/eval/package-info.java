/**
 * The eval worker process: the eval job handler (model and dataset loaded, the evaluation engine run, the report
 * stored) and the probe handler, plugged into the shared worker runtime.
 */
package io.funit.worker.eval;
