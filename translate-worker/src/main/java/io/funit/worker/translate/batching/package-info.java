/**
 * Dynamic batching: translations of concurrent jobs for the same model run as one forward pass on one inference
 * thread, bounded by a batch size and a wait.
 */
package io.funit.worker.translate.batching;
